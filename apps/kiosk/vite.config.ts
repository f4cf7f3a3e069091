import { stationViteConfig } from '@qms/shell/vite';
import { defineConfig } from 'vite';

// The kiosk's screen, built like every station's (see @qms/shell/vite).
export default defineConfig(stationViteConfig(new URL('./', import.meta.url)));
