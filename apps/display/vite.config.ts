import { stationViteConfig } from '@qms/shell/vite';
import { defineConfig } from 'vite';

// The hall display's board, built like every station's screen.
export default defineConfig(stationViteConfig(new URL('./', import.meta.url)));
