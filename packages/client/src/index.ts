export * from './event-stream.js';
export * from './hub-client.js';
