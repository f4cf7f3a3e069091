// The hall display's Node side, for the commands and Electron's main process: `displayStation` runs on the platform.
export * from './agent/display-agent.js';
export * from './agent/display-app.js';
export * from './agent/display-board.js';
export * from './agent/display-settings.js';
export * from './contract.js';
