export * from './access-store.js';
export * from './backup.js';
export * from './config-store.js';
export * from './database.js';
export * from './event-log.js';
export * from './migrate.js';
export * from './queue-store.js';
export { toTicket } from './rows.js';
export * from './wal-flusher.js';
