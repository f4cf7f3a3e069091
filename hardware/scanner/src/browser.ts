// The renderer side of the scanners: keyboard wedge and camera (DOM), and the pure parsers.
export * from './camera-scanner.js';
export * from './cccd.js';
export * from './keyboard-wedge.js';
export * from './project-codes.js';
export * from './scan-result.js';
