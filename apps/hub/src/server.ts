import { networkInterfaces } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { CONSOLE_PAGE } from '@qms/core';
import { buildApp } from './app.js';
import { readCentreTexts } from './centre-texts.js';
import { announceHub, type HubAnnouncement } from './discovery/announce.js';
import { hubIdIn } from './discovery/hub-id.js';
import type { HubConfig } from './config.js';
import type { DemoHardware } from './demo/demo-hardware.js';
import { DEMO_PASSWORD, DEMO_USERS, isEmptyCentre, seedDemoCentre } from './demo/demo-centre.js';
import { demoHistoryDays, seedDemoHistory } from './demo/demo-history.js';
import { hasNoApplications, seedDemoApplications } from './demo/demo-applications.js';
import { isEmptyCatalogue, seedDemoProcedures } from './demo/demo-procedures.js';
import { adminPasswordText, firstAdmin } from './first-admin.js';
import { createHubContext, databaseFileIn, type HubContext } from './hub-context.js';
import { acquireHubLock } from './hub-lock.js';
import { createLogger } from '@qms/station-cli/logger';
import { HUB_VERSION } from './version.js';

/** Events kept for reconnecting stations: about a week of a busy centre. */
const EVENTS_KEPT = 50_000;
const HOUSEKEEPING_MS = 30_000;
/** Days a roll-up call takes on (a busy day of 3,000 tickets costs about 65 ms): a change waits at most that long behind a catch-up. */
const ROLLUP_DAYS_PER_CALL = 2;

export interface RunningHub {
  app: FastifyInstance;
  ctx: HubContext;
  url: string;
  stop(): Promise<void>;
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((address) => address !== undefined && address.family === 'IPv4' && !address.internal)
    .map((address) => address!.address);
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];

/**
 * Announces the hub on the LAN (mDNS/DNS-SD, _qms._tcp) unless switched off, or unless it listens
 * on loopback only, where no station on the LAN could reach the addresses announced.
 */
function announceOnLan(config: HubConfig, port: number, context: HubContext): HubAnnouncement | undefined {
  if (!config.mdns) return undefined;
  if (LOOPBACK_HOSTS.includes(config.host)) {
    context.logger.info({ host: config.host }, 'mDNS: not announcing the hub on the LAN: it listens on loopback only');
    return undefined;
  }
  try {
    const { centreName } = readCentreTexts(context.queueStore);
    return announceHub({ port, id: context.hubId ?? hubIdIn(config.dataDir), centreName, version: HUB_VERSION, logger: context.logger });
  } catch (error) {
    context.logger.warn({ err: error }, 'mDNS: the hub cannot announce itself on the LAN (stations must be given its URL)');
    return undefined;
  }
}

/** Starts the hub: claims the data directory, opens the database, seeds, listens, prints where. */
export async function startHub(config: HubConfig, print: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<RunningHub> {
  const databaseFile = databaseFileIn(config.dataDir);
  const release = acquireHubLock(config.dataDir);
  const logger = createLogger(config.logLevel);
  let ctx: HubContext | undefined;
  let building: Promise<FastifyInstance> | undefined;
  try {
    ctx = await createHubContext({ databaseFile, timeZone: config.timeZone, hubId: hubIdIn(config.dataDir), logger, waitForQueue: false });
    const context = ctx;
    // The HTTP app is built while the queue worker starts (each takes a few hundred milliseconds).
    building = buildApp(context);
    // Handled where it is awaited (below, or in the catch): not an unhandled rejection meanwhile.
    building.catch(() => undefined);
    await context.queue.whenReady();
    let demoHardware: DemoHardware | undefined;
    let stopDemoKiosk: (() => Promise<void>) | undefined;
    let stopDemoCounter: (() => Promise<void>) | undefined;
    let stopDemoDisplay: (() => Promise<void>) | undefined;
    print(`QMS hub ${HUB_VERSION} · data ${config.dataDir} · time zone ${config.timeZone}`);

    const admin = await firstAdmin(context.access, config.dataDir, config.adminPassword);
    if (admin.created) print(admin.source === 'generated' ? 'user admin created with a generated password' : 'user admin created with the password from QMS_ADMIN_PASSWORD');

    if (config.demo) {
      if (isEmptyCentre(context)) {
        await seedDemoCentre(context);
        print(`demo centre seeded: ${context.queueStore.listServices().length} services, ${context.queueStore.listCounters().length} counters`);
        const days = demoHistoryDays();
        const history = seedDemoHistory(context, days);
        if (history > 0) print(`demo history generated: ${history} tickets over the last ${days} days (for the console's reports)`);
      }
      if (isEmptyCatalogue(context)) {
        // A demo whose fields were changed by hand may not fit the sample: it then runs without procedures.
        await seedDemoProcedures(context).then(
          (added) => print(`demo procedures imported: ${added}`),
          (error: unknown) => context.logger.warn({ err: error }, 'the demo procedures were not imported'),
        );
      }
      if (hasNoApplications(context) && !isEmptyCatalogue(context)) {
        await seedDemoApplications(context).then(
          (added) => print(`demo applications seeded: ${added}`),
          (error: unknown) => context.logger.warn({ err: error }, 'the demo applications were not seeded'),
        );
      }
      const staff = DEMO_USERS.filter((user) => user.role === 'staff').map((user) => user.username);
      print(`demo logins (password ${DEMO_PASSWORD}): ${staff.join(', ')} (staff), kythuat (technician); admin as above`);
      const { startDemoHardware } = await import('./demo/demo-hardware.js');
      demoHardware = await startDemoHardware(config.dataDir, print);
    }

    const catchUpReports = async () => {
      for (;;) {
        const days = await context.queue.call('rollUpReports', ROLLUP_DAYS_PER_CALL);
        if (days.length < ROLLUP_DAYS_PER_CALL) return;
      }
    };
    // The business day turns over even when nobody touches the queue; old events are forgotten daily.
    let lastDay = context.view.today();
    const housekeeping = async () => {
      await context.queue.call('rollover');
      const today = context.view.today();
      if (today !== lastDay) {
        lastDay = today;
        await context.queue.call('pruneEvents', EVENTS_KEPT);
        await catchUpReports();
      }
    };
    await housekeeping();
    await context.queue.call('pruneEvents', EVENTS_KEPT);
    // The days that ended while the hub was off (a year of them after an upgrade that changed the
    // roll-ups' form) are rolled up in the background, a few days a call, so the queue keeps moving;
    // until then the reports read those days from their tickets.
    catchUpReports().catch((error: unknown) => context.logger.error({ err: error }, 'rolling up the reports failed'));
    const timer = setInterval(() => housekeeping().catch((error: unknown) => context.logger.error({ err: error }, 'housekeeping failed')), HOUSEKEEPING_MS);
    timer.unref();

    const app = await building;
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host}:${port}`;
    print(`listening on ${url}`);
    const local = config.host === '0.0.0.0' ? [`127.0.0.1`, ...lanAddresses()] : [config.host];
    print(`  console: ${local.map((host) => `http://${host}:${port}${CONSOLE_PAGE}`).join('  ')}   ${adminPasswordText(admin, config.dataDir)}`);
    print(`  API: ${local.map((host) => `http://${host}:${port}/api`).join('  ')}   (document: /api/openapi.json)`);
    const announcement = announceOnLan(config, port, context);
    // A centre renamed in the console is announced under its new name at once (stations show it while they look for the hub).
    const stopRenaming = announcement
      ? context.events.listen((events) => {
          if (events.some((event) => event.type === 'config.changed' && event.what === 'settings')) announcement.rename(readCentreTexts(context.queueStore).centreName);
        })
      : undefined;
    // The demo's stations: QMS_DEMO_STATIONS=0 leaves them all off, QMS_DEMO_KIOSK=0, QMS_DEMO_COUNTER=0 or QMS_DEMO_DISPLAY=0 one of them.
    const demoStations = config.demo && process.env.QMS_DEMO_STATIONS !== '0';
    if (demoStations && demoHardware && process.env.QMS_DEMO_KIOSK !== '0') {
      const { startDemoKiosk } = await import('./demo/demo-kiosk.js');
      stopDemoKiosk = await startDemoKiosk({ ctx: context, hubPort: port, dataDir: config.dataDir, printerPort: demoHardware.printerPort, print });
    }
    if (demoStations && process.env.QMS_DEMO_COUNTER !== '0') {
      const { startDemoCounter } = await import('./demo/demo-counter.js');
      stopDemoCounter = await startDemoCounter({ ctx: context, hubPort: port, dataDir: config.dataDir, print });
    }
    if (demoStations && process.env.QMS_DEMO_DISPLAY !== '0') {
      const { startDemoDisplay } = await import('./demo/demo-display.js');
      stopDemoDisplay = await startDemoDisplay({ ctx: context, hubPort: port, dataDir: config.dataDir, print });
    }

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        clearInterval(timer);
        // Goodbye on the LAN first: stations stop taking this hub before it stops answering.
        stopRenaming?.();
        await announcement?.stop();
        await stopDemoKiosk?.();
        await stopDemoCounter?.();
        await stopDemoDisplay?.();
        await demoHardware?.stop();
        await app.close();
        await context.writes.flush();
        await context.close();
        release();
      })();
      return stopping;
    };
    return { app, ctx: context, url, stop };
  } catch (error) {
    await building?.then((app) => app.close()).catch(() => undefined);
    await ctx?.close();
    release();
    throw error;
  }
}
