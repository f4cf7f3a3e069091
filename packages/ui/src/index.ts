export * from './dom.js';
export * from './format.js';
export * from './lang.js';
