// The kiosk's Node side, for the commands and Electron's main process: `kioskStation` runs on the platform.
export * from './agent/kiosk-agent.js';
export * from './agent/kiosk-app.js';
export * from './agent/kiosk-settings.js';
export * from './agent/kiosk-view.js';
export * from './contract.js';
