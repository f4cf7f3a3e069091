import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HubClient } from '@qms/client';
import { VirtualPrinter } from '@qms/simulators';
import WebSocket from 'ws';
import { ADMIN_PASSWORD, REPO_ROOT, runQmsAsync, startHubProcess, type HubProcess } from '../tests/support/hub-process.js';
import { waitForLine } from '../tests/support/kiosk-process.js';
import { openSerialPair, type SerialPair } from '../tests/support/serial-pair.js';
import { BENCH_DIR, createBenchCentre, type Report, round, rssMb, startSubscribers } from './hub-bench.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const STATION_BIN = join(REPO_ROOT, 'apps/station/bin/qms-station.js');
/** How long a process is left alone to measure its idle CPU. */
const IDLE_SECONDS = 30;
const SETTLE_MS = 10_000;

/** CPU time (user + system, all threads) of a process so far, in seconds. */
function cpuSeconds(pid: number): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks: 100 a second on Linux
}

/** The share of one core a process used while left alone for `seconds`, in %. */
async function idleCpuPercent(pid: number, seconds: number): Promise<number> {
  const before = cpuSeconds(pid);
  const started = performance.now();
  await sleep(seconds * 1000);
  return ((cpuSeconds(pid) - before) / ((performance.now() - started) / 1000)) * 100;
}

/** Polls a URL until it answers 200; the time from `since` (performance.now()) in ms. */
async function firstAnswer(url: string, since: number, timeoutMs = 30_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      const reply = await fetch(url);
      if (reply.ok) return performance.now() - since;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error(`${url} did not answer in time`);
    await sleep(5);
  }
}

interface StationAgent {
  child: ChildProcess;
  url: string;
  startedMs: number;
  stop(): Promise<void>;
}

/** Node's flags on a command's "#!/usr/bin/env -S node FLAGS" line: what it runs with, installed or not. */
function shebangFlags(file: string): string[] {
  const first = readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
  return /^#!.*env -S node(.*)$/.exec(first)?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
}

/** `qms-station KIND` (what a station device installs), paired with the hub; `startedMs`: spawn → its screen answers. */
async function startStationAgent(kind: 'kiosk' | 'display', hub: HubProcess, hubData: string, dir: string, extra: string[]): Promise<StationAgent> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'station.json'), JSON.stringify({ name: `${kind} đo`, [kind]: {} }));
  const spawned = performance.now();
  const child = spawn(process.execPath, [...shebangFlags(STATION_BIN), STATION_BIN, kind, '--hub', hub.url, '--port', '0', '--config', dir, ...extra], {
    cwd: REPO_ROOT,
    env: { ...process.env, QMS_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => (out += String(chunk)));
  child.stderr?.on('data', (chunk) => (err += String(chunk)));
  const url = await waitForLine(
    () => out,
    new RegExp(`${kind} screen: (http://\\S+)`),
    () => err,
  );
  const startedMs = await firstAnswer(url, spawned);
  const code = await waitForLine(
    () => out,
    /pairing code: (\d{6})/,
    () => err,
  );
  const approved = await runQmsAsync(['devices', 'approve', code, '--data', hubData]);
  if (approved.status !== 0) throw new Error(`approve failed: ${approved.stderr}`);
  await waitForLine(
    () => out,
    /connected to the hub as device (\d+)/,
    () => err,
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    url,
    startedMs,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Takes `count` numbers on the kiosk's screen bridge, as its page does, and waits for their receipts on the printer. */
async function printAtKiosk(screenUrl: string, printer: VirtualPrinter, count: number): Promise<void> {
  const bridge = new WebSocket(`${screenUrl.replace(/^http/, 'ws')}bridge`);
  let fields: { id: number; open: boolean }[] = [];
  const replies = new Map<number, { ok: boolean; error?: unknown }>();
  bridge.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as { type: string; view?: { fields?: typeof fields }; id?: number; ok?: boolean; error?: unknown };
    if (message.type === 'view' && message.view?.fields) fields = message.view.fields;
    if (message.type === 'reply' && message.id !== undefined) replies.set(message.id, { ok: message.ok === true, error: message.error });
  });
  await new Promise((resolve, reject) => bridge.once('open', resolve).once('error', reject));
  const until = async (done: () => boolean, what: string) => {
    const deadline = performance.now() + 20_000;
    while (!done()) {
      if (performance.now() > deadline) throw new Error(`kiosk: ${what} did not come in time`);
      await sleep(20);
    }
  };
  try {
    await until(() => fields.some((field) => field.open), 'an open field');
    const printed = printer.receipts.length;
    const field = fields.find((candidate) => candidate.open)!;
    for (let id = 1; id <= count; id++) {
      bridge.send(JSON.stringify({ id, method: 'issue', params: { serviceId: field.id, priority: 'normal', key: `footprint-${id}` } }));
      await until(() => replies.has(id), `the answer to press ${id}`);
      if (!replies.get(id)!.ok) throw new Error(`kiosk: press ${id} refused: ${JSON.stringify(replies.get(id)!.error)}`);
    }
    await until(() => printer.receipts.length >= printed + count, `${count} receipts`);
  } finally {
    bridge.close();
  }
}

/**
 * What the hub and the stations cost on small hardware (issue 15): resident memory idle, after
 * 25,000 and 50,000 tickets of one day with 200 subscribers (flat = no growth between the two), a
 * station agent's memory (kiosk with printer and scanner; display); time to answer after start (the
 * hub on a year of history when the reports benchmark left one); idle CPU of each.
 */
export async function footprintBench(report: Report): Promise<void> {
  const dir = join(BENCH_DIR, 'footprint');
  rmSync(dir, { recursive: true, force: true });
  const hubData = join(dir, 'hub');
  const spawned = performance.now();
  const hub = await startHubProcess(hubData, { env: { QMS_LOG_LEVEL: 'error' } });
  const serial: SerialPair | null = existsSync('/usr/bin/socat') ? await openSerialPair(join(dir, 'scanner-a'), join(dir, 'scanner-b')) : null;
  const printer = new VirtualPrinter();
  const printerPort = await printer.listen(0);
  const agents: StationAgent[] = [];
  try {
    const startMs = await firstAnswer(`${hub.url}/api/health`, spawned);
    report({ name: 'hub.start_to_health_ms', value: round(startMs, 0), unit: 'ms', database: 'empty', target: '<= 1000 ms (on a year of history: below)' });
    const pid = hub.child.pid as number;
    const admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    const centre = await createBenchCentre(admin);
    // Settled: the start's garbage collected and its code compiled (V8 does both on threads of its own, counted here).
    await sleep(SETTLE_MS);
    report({ name: 'hub.rss_idle', value: round(rssMb(pid), 1), unit: 'MB', target: '<= 120 MB', note: 'no station, no subscriber, a few seconds after start' });
    report({ name: 'hub.idle_cpu', value: round(await idleCpuPercent(pid, IDLE_SECONDS), 2), unit: '% of a core', seconds: IDLE_SECONDS, target: '< 1 %' });

    // Station agents beside it, as a kiosk device and a TV stick run them.
    const kiosk = await startStationAgent('kiosk', hub, hubData, join(dir, 'kiosk'), ['--printer', `tcp://127.0.0.1:${printerPort}`, ...(serial ? ['--scanner', serial.a] : [])]);
    agents.push(kiosk);
    const display = await startStationAgent('display', hub, hubData, join(dir, 'display'), []);
    agents.push(display);
    // A kiosk at work has printed: its receipt renderer (Skia) is loaded and has drawn.
    await printAtKiosk(kiosk.url, printer, 3);
    await sleep(SETTLE_MS);
    for (const [kind, agent, note] of [
      ['kiosk', kiosk, `${serial ? 'virtual TCP printer and a serial scanner on a socat pty' : 'virtual TCP printer (no socat: no scanner)'}, after printing 3 receipts`],
      ['display', display, 'following the hub, no screen open'],
    ] as const) {
      const agentPid = agent.child.pid as number;
      report({ name: `station.${kind}_start_to_screen_ms`, value: round(agent.startedMs, 0), unit: 'ms', target: '<= 1000 ms' });
      report({ name: `station.${kind}_rss`, value: round(rssMb(agentPid), 1), unit: 'MB', target: '<= 80 MB', note });
      report({ name: `station.${kind}_idle_cpu`, value: round(await idleCpuPercent(agentPid, IDLE_SECONDS), 2), unit: '% of a core', seconds: IDLE_SECONDS, target: '< 1 %' });
    }

    // A day of churn with 200 subscribers: issue and call, 50,000 tickets, memory at 25,000 and 50,000.
    const subscribers = await startSubscribers(`${hub.url.replace('http', 'ws')}/api/events`, admin.token ?? '', 200, 2, true);
    const rss: Record<number, number> = {};
    let issued = 0;
    let counter = 0;
    for (const checkpoint of [25_000, 50_000]) {
      while (issued < checkpoint) {
        const batch: Promise<unknown>[] = [];
        for (let i = 0; i < 16; i++) {
          batch.push(admin.issueTicket(centre.serviceId));
          batch.push(admin.callNext(centre.counterIds[counter++ % centre.counterIds.length] as number));
        }
        await Promise.all(batch);
        issued += 16;
      }
      await sleep(1_000);
      rss[checkpoint] = rssMb(pid);
    }
    await subscribers.stop();
    report({
      name: 'hub.rss_after_50000_tickets_200_subscribers',
      value: round(rss[50_000] ?? Number.NaN, 1),
      unit: 'MB',
      reference: { name: 'hub.rss_after_25000_tickets_200_subscribers', value: round(rss[25_000] ?? Number.NaN, 1), unit: 'MB' },
      growth: round((rss[50_000] ?? 0) - (rss[25_000] ?? 0), 1),
      target: '<= 150 MB, no growth between 25,000 and 50,000',
    });
  } finally {
    for (const agent of agents) await agent.stop();
    await serial?.close();
    await printer.close();
    await hub.stop();
  }

  // Start on a year of history: the reports benchmark's data folder, when it ran first.
  const year = join(BENCH_DIR, 'reports');
  if (existsSync(join(year, 'qms.db'))) {
    const tickets = await yearTickets(year);
    const started = performance.now();
    const yearHub = await startHubProcess(year, { env: { QMS_LOG_LEVEL: 'error' } });
    try {
      const ms = await firstAnswer(`${yearHub.url}/api/health`, started);
      report({ name: 'hub.start_to_health_ms_year_of_history', value: round(ms, 0), unit: 'ms', tickets, target: '<= 1000 ms' });
    } finally {
      await yearHub.stop();
    }
  } else {
    report({ name: 'hub.start_to_health_ms_year_of_history', value: null, unit: 'ms', note: 'run with the reports benchmark before it (npm run bench reports footprint)' });
  }
}

async function yearTickets(dataDir: string): Promise<number> {
  const { openDatabase } = await import('@qms/db');
  const db = openDatabase(join(dataDir, 'qms.db'), { migrate: false });
  try {
    return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM tickets').get()?.n ?? 0;
  } finally {
    db.close();
  }
}
