export * from './cccd.js';
export * from './keyboard-wedge.js';
export * from './project-codes.js';
export * from './scan-result.js';
export * from './serial-scanner.js';
