// The renderer side of the station shell: the bridge client, the phase screens, vi/en texts.
export * from './bridge-client.js';
export * from './phase-screens.js';
export * from './texts.js';
