import { systemClock } from '@qms/core';
import { startNightlyBackups } from '../backup/nightly-backups.js';
import { type HubFlags, loadHubConfig } from '../config.js';
import { startHub } from '../server.js';

/** qms hub: runs until SIGINT or SIGTERM, then closes connections and the database cleanly. Writes the nightly backups meanwhile. */
export async function hubCommand(flags: HubFlags): Promise<void> {
  const config = loadHubConfig(flags);
  // The signals are taken before the hub starts: a stop sent as soon as "listening on" is printed
  // (or while it starts) closes it cleanly once it is up, instead of killing it.
  let requested: string | null = null;
  let stopNow: ((signal: string) => void) | null = null;
  const onSignal = (signal: string) => (stopNow ? stopNow(signal) : (requested ??= signal));
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  const hub = await startHub(config);
  const backups = startNightlyBackups({
    db: hub.ctx.db,
    dataDir: config.dataDir,
    timeZone: config.timeZone,
    at: config.backup.at,
    keepDays: config.backup.keepDays,
    clock: systemClock,
    logger: hub.ctx.logger,
  });
  hub.ctx.logger.info({ nextAt: backups.nextAt.toISOString(), keepDays: config.backup.keepDays }, 'nightly backups scheduled');
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      hub.ctx.logger.info({ signal }, 'stopping');
      backups.stop();
      // A copy being written finishes before the database closes.
      backups
        .idle()
        .then(() => hub.stop())
        .then(resolve, (error: unknown) => {
          hub.ctx.logger.error({ err: error }, 'error while stopping');
          resolve();
        });
    };
    stopNow = stop;
    if (requested) stop(requested);
  });
}
