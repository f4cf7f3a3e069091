// The kiosk's Electron main process: the station shell runs the kiosk in one kiosk-mode window.
import { join } from 'node:path';
import { type ElectronMain, runElectronStation } from '@qms/shell/main';
import { kioskStation } from '../agent/kiosk-app.js';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- electron exists only where it could be installed (see electron-api.ts)
const electron = require('electron') as ElectronMain;

void runElectronStation(electron, kioskStation, {
  preloadFile: join(__dirname, '../preload/preload.cjs'),
  rendererFile: join(__dirname, '../renderer/index.html'),
});
