// The counter caller's Node side, for the commands and Electron's main process: `counterStation` runs on the platform.
export * from './agent/counter-agent.js';
export * from './agent/counter-app.js';
export * from './agent/counter-settings.js';
export * from './contract.js';
