export * from './bridge/bridge-dispatcher.js';
export * from './bridge/bridge-failure.js';
export * from './bridge/bridge-server.js';
export * from './bridge/contract.js';
export * from './hub-link.js';
export * from './kiosk/kiosk-agent.js';
export * from './kiosk/kiosk-station.js';
export * from './station-config.js';
