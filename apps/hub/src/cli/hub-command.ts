import { type HubFlags, loadHubConfig } from '../config.js';
import { startHub } from '../server.js';

/** qms hub: runs until SIGINT or SIGTERM, then closes connections and the database cleanly. */
export async function hubCommand(flags: HubFlags): Promise<void> {
  const config = loadHubConfig(flags);
  const hub = await startHub(config);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      hub.ctx.logger.info({ signal }, 'stopping');
      hub.stop().then(resolve, (error: unknown) => {
        hub.ctx.logger.error({ err: error }, 'error while stopping');
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
