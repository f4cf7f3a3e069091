export { AccessService } from './access/access-service.js';
export { ApiError } from './api-error.js';
export { buildApp, BODY_LIMIT_BYTES } from './app.js';
export { startNightlyBackups, type NightlyBackups } from './backup/nightly-backups.js';
export { loadHubConfig, type HubConfig } from './config.js';
export { DEMO_PASSWORD, DEMO_SERVICES, DEMO_USERS } from './demo/demo-centre.js';
export { adminPasswordText, FIRST_ADMIN_PASSWORD_FILE, firstAdmin } from './first-admin.js';
export { createHubContext, type HubContext } from './hub-context.js';
export { startHub, type RunningHub } from './server.js';
