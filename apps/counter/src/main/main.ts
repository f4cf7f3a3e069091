// The counter caller's Electron main process: the station shell runs it in an ordinary window on the clerk's desk,
// and with station.json's counter.ratingPad "window", the citizen's rating pad full screen on the monitor facing them.
import { join } from 'node:path';
import { type ElectronMain, runElectronStation } from '@qms/shell/main';
import { counterStation } from '../agent/counter-app.js';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- electron exists only where it could be installed
const electron = require('electron') as ElectronMain;

void runElectronStation(electron, counterStation, {
  preloadFile: join(__dirname, '../preload/preload.cjs'),
  rendererFile: join(__dirname, '../renderer/index.html'),
  mode: 'windowed',
  extraWindows: (counter) => (counter.ratingPad === 'window' ? [{ name: 'rating pad', hash: 'rating', display: counter.ratingDisplay }] : []),
});
