// The main-process side of the station shell, for each station app's Electron entry.
export * from './electron-api.js';
export * from './hardening.js';
export * from './run-electron-station.js';
export * from './station-window.js';
export * from './station-scheme.js';
