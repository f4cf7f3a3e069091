// The blank station's Electron entry: a few lines on the station shell.
import { join } from 'node:path';
import { type ElectronMain, runElectronStation } from '@qms/shell/main';
import { blankStation } from './blank-app.js';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- electron (here the test's stand-in) exists only at run time
const electron = require('electron') as ElectronMain;

void runElectronStation(electron, blankStation, {
  preloadFile: join(__dirname, 'preload.cjs'),
  rendererFile: join(__dirname, 'index.html'),
  mode: 'windowed',
  display: 'secondary',
});
