// The hall display's Electron main process: the station shell runs it full screen (kiosk) on the hall's TV.
import { join } from 'node:path';
import { type ElectronMain, runElectronStation } from '@qms/shell/main';
import { displayStation } from '../agent/display-app.js';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- electron exists only where it could be installed
const electron = require('electron') as ElectronMain;

void runElectronStation(electron, displayStation, {
  preloadFile: join(__dirname, '../preload/preload.cjs'),
  rendererFile: join(__dirname, '../renderer/index.html'),
  mode: 'kiosk',
});
