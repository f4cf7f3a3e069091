/**
 * The wire schemas of the hub's REST API, one file per area. They validate requests (unknown fields are refused),
 * shape responses, and generate the OpenAPI document. Static<typeof X> gives the TypeScript type.
 */
export * from './queue.js';
export * from './access.js';
export * from './settings.js';
export * from './audit.js';
export * from './devices.js';
export * from './backups.js';
export * from './today.js';
export * from './procedures.js';
export * from './feedback.js';
export * from './applications.js';
export * from './reports.js';
export * from './monitor.js';
export * from './ticket-live.js';
