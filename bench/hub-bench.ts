import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HubClient } from '@qms/client';
import { DEFAULT_TIME_ZONE, defaultEngineSettings, QueueEngine, systemClock } from '@qms/core';
import { openDatabase, SqliteConfigStore, SqliteQueueStore } from '@qms/db';
import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { ADMIN_PASSWORD, REPO_ROOT, startHubProcess, type HubProcess } from '../tests/support/hub-process.js';

/** Benchmarks write on the project's own disk (not a tmpfs), so the fsync cost is the real one. */
export const BENCH_DIR = join(REPO_ROOT, '.bench-data');

export type Report = (figure: Record<string, unknown>) => void;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** The physical bound: single-row insert transactions with the hub's pragmas, on the same disk. */
export function rawSqliteRate(seconds: number): number {
  const dir = join(BENCH_DIR, 'raw');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT NOT NULL, at TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (label, at) VALUES (?, ?)');
  const once = db.transaction((i: number) => insert.run(`A${i}`, new Date().toISOString()));
  const until = performance.now() + seconds * 1000;
  let count = 0;
  const start = performance.now();
  while (performance.now() < until) once.immediate(count++);
  const rate = count / ((performance.now() - start) / 1000);
  db.close();
  return rate;
}

interface BenchCentre {
  serviceId: number;
  counterIds: number[];
}

/** A service with room for 99,999 tickets a day and four counters serving it. */
export async function createBenchCentre(admin: HubClient): Promise<BenchCentre> {
  const service = await admin.request<{ id: number }>('POST', '/api/services', {
    code: 'bench',
    name: 'Đo hiệu năng',
    nameEn: 'Benchmark',
    prefix: 'Z',
    rangeStart: 1,
    rangeEnd: 99_999,
    openingHours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }],
  });
  const counterIds: number[] = [];
  for (let n = 0; n < 4; n++) {
    const counter = await admin.request<{ id: number }>('POST', '/api/counters', { number: 900 + n, name: `Bench ${n}`, serviceIds: [service.body.id] });
    counterIds.push(counter.body.id);
  }
  return { serviceId: service.body.id, counterIds };
}

async function withHub<T>(name: string, fn: (hub: HubProcess, admin: HubClient, centre: BenchCentre) => Promise<T>): Promise<T> {
  const dataDir = join(BENCH_DIR, name);
  rmSync(dataDir, { recursive: true, force: true });
  const hub = await startHubProcess(dataDir, { env: { QMS_LOG_LEVEL: 'error' } });
  try {
    const admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    return await fn(hub, admin, await createBenchCentre(admin));
  } finally {
    await hub.stop();
  }
}

/**
 * Issue and call-next, alternating, from `connections` concurrent keep-alive connections, driven by
 * wrk (C, cheap per request) when it is installed: on two cores the load generator competes with
 * the hub for CPU, and a Node client costs about as much per request as the hub itself.
 */
export function issueAndCallWithWrk(hubUrl: string, token: string, centre: BenchCentre, seconds: number, connections: number, cpu?: number): number | null {
  const found = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  if (found.error) return null;
  const script = join(BENCH_DIR, 'issue-call.lua');
  writeFileSync(
    script,
    `local n = 0
request = function()
  n = n + 1
  if n % 2 == 1 then
    return wrk.format("POST", "/api/tickets", {["authorization"] = "Bearer ${token}", ["content-type"] = "application/json"}, '{"serviceId":${centre.serviceId}}')
  end
  return wrk.format("POST", "/api/counters/${centre.counterIds[0]}/call-next", {["authorization"] = "Bearer ${token}"})
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d\\n", summary.requests, summary.duration, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
`,
  );
  const wrk = ['wrk', '-t1', `-c${connections}`, `-d${seconds}s`, '-s', script, hubUrl];
  const [command, ...args] = cpu === undefined ? wrk : ['taskset', '-c', String(cpu), ...wrk];
  const run = spawnSync(command!, args, { encoding: 'utf8' });
  const match = /RESULT (\d+) (\d+) (\d+)/.exec(run.stdout);
  if (!match) throw new Error(`wrk failed: ${run.stdout}${run.stderr}`);
  if (Number(match[3]) > 0) throw new Error(`wrk saw ${match[3]} failed requests`);
  return Number(match[1]) / (Number(match[2]) / 1e6);
}

/** Issue and call-next, alternating, from `workers` concurrent stations: each one durable transaction. */
async function issueAndCall(admin: HubClient, centre: BenchCentre, operations: number, workers: number): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (next < operations) {
        const op = next++;
        if (op % 2 === 0) await admin.issueTicket(centre.serviceId);
        else await admin.callNext(centre.counterIds[worker % centre.counterIds.length]!);
      }
    }),
  );
  return operations / ((performance.now() - start) / 1000);
}

/**
 * The same issue and call-next through the queue engine on its SQLite store, in this process
 * (no HTTP): where the hub's time goes between storage and network. Also counts the WAL pages
 * one operation writes, against the raw reference's one-row transaction.
 */
function engineInProcess(operations: number): { rate: number; pagesPerOp: number; pagesPerOpByTree: Record<string, number> } {
  const dir = join(BENCH_DIR, 'engine');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(join(dir, 'qms.db'));
  const store = new SqliteQueueStore(db);
  const config = new SqliteConfigStore(db, store);
  const always = [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }];
  const service = config.createService({
    code: 'bench',
    name: 'b',
    nameEn: 'b',
    prefix: 'Z',
    rangeStart: 1,
    rangeEnd: 99_999,
    openingHours: always,
    active: true,
    position: 0,
    defaultServiceSeconds: 300,
  });
  const counter = config.createCounter({ number: 1, name: 'b', serviceIds: [service.id], status: 'open' });
  const settings = defaultEngineSettings(DEFAULT_TIME_ZONE);
  const engine = new QueueEngine(store, systemClock, () => settings);
  const op = (i: number) => (i % 2 === 0 ? engine.issue({ serviceId: service.id, issuedBy: 'bench' }) : engine.callNext(counter.id));
  for (let i = 0; i < 200; i++) op(i);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('wal_autocheckpoint = 0');
  for (let i = 0; i < 200; i++) op(i);
  const byTree = walFramesByTree(db, join(dir, 'qms.db-wal'));
  const pages = (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]?.log ?? Number.NaN;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('wal_autocheckpoint = 1000');
  const start = performance.now();
  for (let i = 0; i < operations; i++) op(i);
  const rate = operations / ((performance.now() - start) / 1000);
  db.close();
  return { rate, pagesPerOp: pages / 200, pagesPerOpByTree: Object.fromEntries([...byTree].sort((a, b) => b[1] - a[1]).map(([name, frames]) => [name, round(frames / 200, 2)])) };
}

/**
 * The frames of a WAL file counted by the table or index their page belongs to (SQLite's dbstat
 * table names each page's b-tree): which of them a change writes. The WAL: a 32-byte header, then
 * frames of a 24-byte header (the page number first, big-endian) and the page.
 */
function walFramesByTree(db: Database.Database, walFile: string): Map<string, number> {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const wal = readFileSync(walFile);
  const owner = new Map((db.prepare('SELECT pageno, name FROM dbstat').all() as { pageno: number; name: string }[]).map((row) => [row.pageno, row.name]));
  const frames = new Map<string, number>();
  for (let offset = 32; offset + 24 + pageSize <= wal.length; offset += 24 + pageSize) {
    const name = owner.get(wal.readUInt32BE(offset)) ?? 'free or new';
    frames.set(name, (frames.get(name) ?? 0) + 1);
  }
  return frames;
}

/** Stations changing the queue at once: a large centre's kiosks and counters, and then some. */
const CONNECTIONS = 64;

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/**
 * Throughput against the raw reference. The machine is shared and noisy, so the two are measured
 * in alternation, three rounds, after a warm-up; the figures are the medians of the rounds.
 */
export async function throughputBench(report: Report): Promise<void> {
  const engine = engineInProcess(3_000);
  const rounds = await withHub('throughput', async (running, admin, centre) => {
    const token = admin.token ?? '';
    await issueAndCall(admin, centre, 200, 8);
    if (issueAndCallWithWrk(running.url, token, centre, 3, CONNECTIONS) === null) {
      // No wrk: a Node client, which takes about as much CPU per request as the hub.
      const results = [];
      for (let round = 0; round < 3; round++) results.push({ raw: rawSqliteRate(3), hub: await issueAndCall(admin, centre, 6_000, CONNECTIONS) });
      return { results, client: 'node (apt-get install wrk for a lighter load generator)' };
    }
    const results = [];
    for (let round = 0; round < 3; round++) results.push({ raw: rawSqliteRate(3), hub: issueAndCallWithWrk(running.url, token, centre, 5, CONNECTIONS) ?? Number.NaN });
    // A single-board computer's figure: the hub (every thread) on core 0, wrk on core 1, the raw reference on core 0 too.
    const oneCore = [];
    if (pinToCore(running.child.pid!, '0')) {
      for (let round = 0; round < 3; round++) {
        const raw = onCore('0', () => rawSqliteRate(3));
        oneCore.push({ raw, hub: issueAndCallWithWrk(running.url, token, centre, 5, CONNECTIONS, 1) ?? Number.NaN });
      }
    }
    return { results, oneCore, client: 'wrk' };
  });
  const raw = median(rounds.results.map((r) => r.raw));
  report({
    name: 'engine.durable_issue_call_ops_per_second_in_process',
    value: round(engine.rate, 0),
    unit: 'ops/s',
    reference: { name: 'sqlite.raw_single_row_insert_tx_per_second', value: round(raw, 0), unit: 'tx/s' },
    ratio: round(engine.rate / raw, 3),
    walPagesPerOp: round(engine.pagesPerOp, 1),
    walPagesPerOpByTree: engine.pagesPerOpByTree,
    note: 'no HTTP, one fsync per change (synchronous=FULL): the queue engine and its store alone',
  });
  const byRounds = (results: { raw: number; hub: number }[]) => {
    const [rawRate, hubRate] = [median(results.map((r) => r.raw)), median(results.map((r) => r.hub))];
    return {
      value: round(hubRate, 0),
      unit: 'ops/s',
      rawRate,
      ratio: round(hubRate / rawRate, 3),
      ratioPerRound: results.map((r) => round(r.hub / r.raw, 3)),
      target: 'ratio >= 0.6',
      connections: CONNECTIONS,
    };
  };
  const { rawRate, ...twoCores } = byRounds(rounds.results);
  report({
    name: 'hub.durable_issue_call_ops_per_second',
    ...twoCores,
    reference: { name: 'sqlite.raw_single_row_insert_tx_per_second', value: round(rawRate, 0), unit: 'tx/s' },
    client: rounds.client,
    note: 'changes arriving together run in one transaction (a savepoint each) and share one fdatasync; each answered after it',
  });
  const oneCore = 'oneCore' in rounds ? (rounds.oneCore ?? []) : [];
  if (oneCore.length > 0) {
    const { rawRate: rawOne, ...figures } = byRounds(oneCore);
    report({
      name: 'hub.durable_issue_call_ops_per_second_one_core',
      ...figures,
      reference: { name: 'sqlite.raw_single_row_insert_tx_per_second_one_core', value: round(rawOne, 0), unit: 'tx/s' },
      note: 'the hub and all its threads pinned to core 0 (taskset), wrk on core 1, the raw reference on core 0: what a single-board computer sees',
    });
  }
}

/** Pins a process and all its threads to these CPUs (taskset -a); false when taskset is missing or refuses. */
function pinToCore(pid: number, cpus: string): boolean {
  return spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { encoding: 'utf8' }).status === 0;
}

/** Runs fn with this process pinned to these CPUs, then gives it back the CPUs it had. */
function onCore<T>(cpus: string, fn: () => T): T {
  const before = /list: (\S+)/.exec(spawnSync('taskset', ['-p', '-c', String(process.pid)], { encoding: 'utf8' }).stdout)?.[1];
  pinToCore(process.pid, cpus);
  try {
    return fn();
  } finally {
    if (before) pinToCore(process.pid, before);
  }
}

/** Resident memory of a process (all its threads), MB. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** Subscribers spread over worker threads; resolves once all are connected. */
export async function startSubscribers(url: string, token: string, total: number, threads: number, quiet = false) {
  const arrivals = new Map<number, number[]>();
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./subscriber-worker.mjs', import.meta.url), { workerData: { url, token, count: total / threads, quiet } }));
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.on('message', (message: { type: string; id?: number; times?: number[]; message?: string }) => {
            if (message.type === 'ready') resolve();
            else if (message.type === 'error') reject(new Error(message.message));
            else if (message.id !== undefined && message.times) arrivals.set(message.id, [...(arrivals.get(message.id) ?? []), ...message.times]);
          });
          worker.on('error', reject);
        }),
    ),
  );
  return { arrivals, stop: () => Promise.all(workers.map((worker) => worker.terminate())) };
}

export const absoluteNow = () => performance.timeOrigin + performance.now();

/** 200 WebSocket subscribers: delay from call-next to ticket.called at each; then RSS after 10,000 tickets. */
export async function subscribersBench(report: Report): Promise<void> {
  await withHub('subscribers', async (hub, admin, centre) => {
    const total = 200;
    const subscribers = await startSubscribers(`${hub.url.replace('http', 'ws')}/api/events`, admin.token ?? '', total, 4);
    const rounds = 200;
    const afterAnswer: number[] = [];
    const afterRequest: number[] = [];
    let beforeAnswer = 0;
    for (let i = 0; i < rounds; i++) {
      await admin.issueTicket(centre.serviceId);
      const sent = absoluteNow();
      const ticket = await admin.callNext(centre.counterIds[0]!);
      const answered = absoluteNow();
      if (!ticket) throw new Error('no ticket to call');
      const deadline = performance.now() + 5_000;
      while ((subscribers.arrivals.get(ticket.id)?.length ?? 0) < total) {
        if (performance.now() > deadline) throw new Error(`only ${subscribers.arrivals.get(ticket.id)?.length ?? 0} subscribers got ticket ${ticket.id}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      for (const at of subscribers.arrivals.get(ticket.id) ?? []) {
        afterRequest.push(at - sent);
        afterAnswer.push(Math.max(0, at - answered));
        if (at < answered) beforeAnswer++;
      }
    }
    afterAnswer.sort((a, b) => a - b);
    afterRequest.sort((a, b) => a - b);
    const samples = afterAnswer.length;
    report({
      name: 'hub.call_to_event_latency_p50',
      value: round(percentile(afterAnswer, 50)),
      unit: 'ms',
      subscribers: total,
      samples,
      eventsBeforeAnswer: round(beforeAnswer / samples, 3),
      note: 'after call-next returned, until ticket.called reached each subscriber (0 when the event came first: the hub publishes before it answers)',
    });
    report({ name: 'hub.call_to_event_latency_p99', value: round(percentile(afterAnswer, 99)), unit: 'ms', subscribers: total, target: '<= 20 ms' });
    report({
      name: 'hub.request_to_event_latency_p50',
      value: round(percentile(afterRequest, 50)),
      unit: 'ms',
      subscribers: total,
      note: 'from sending call-next: the bound that includes the commit',
    });
    report({ name: 'hub.request_to_event_latency_p99', value: round(percentile(afterRequest, 99)), unit: 'ms', subscribers: total });

    // 10,000 tickets with the 200 subscribers listening, then the hub's resident memory.
    let issued = rounds;
    const pending: Promise<unknown>[] = [];
    while (issued < 10_000) {
      pending.push(admin.issueTicket(centre.serviceId));
      issued++;
      if (pending.length >= 8) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    const pid = hub.child.pid;
    if (pid === undefined) throw new Error('hub has no pid');
    await new Promise((resolve) => setTimeout(resolve, 500));
    report({ name: 'hub.rss_after_10000_tickets_200_subscribers', value: round(rssMb(pid), 1), unit: 'MB', tickets: issued, subscribers: total, target: '<= 150 MB' });
    await subscribers.stop();
  });
}
