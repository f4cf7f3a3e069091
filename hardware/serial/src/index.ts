export * from './reconnecting-port.js';
