// The station device's command, and what the hub's `qms` reuses of it (its station and device commands).
// Light on purpose: the logger is ./logger, the stations load when they run.
export * from './cli-error.js';
export * from './commands.js';
export * from './main.js';
export * from './stations.js';
