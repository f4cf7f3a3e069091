import { stationViteConfig } from '@qms/shell/vite';
import { defineConfig } from 'vite';

// The counter's screens (the clerk's at /, the rating pad at /rating), built like every station's.
export default defineConfig(stationViteConfig(new URL('./', import.meta.url)));
