export * from './frame.js';
export * from './signage-bus.js';
