export * from './errors.js';
export * from './discovery.js';
export * from './events.js';
export * from './schemas/index.js';
