import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HubClient } from '@qms/client';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { ADMIN_PASSWORD, REPO_ROOT, startHubProcess, type HubProcess } from '../tests/support/hub-process.js';

/** Benchmarks write on the project's own disk (not a tmpfs), so the fsync cost is the real one. */
export const BENCH_DIR = join(REPO_ROOT, '.bench-data');

export type Report = (figure: Record<string, unknown>) => void;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

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
async function createBenchCentre(admin: HubClient): Promise<BenchCentre> {
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

export async function throughputBench(report: Report): Promise<void> {
  const raw = rawSqliteRate(5);
  const hub = await withHub('throughput', async (_hub, admin, centre) => {
    await issueAndCall(admin, centre, 200, 8); // warm up
    return issueAndCall(admin, centre, 4_000, 8);
  });
  report({
    name: 'hub.durable_issue_call_ops_per_second',
    value: round(hub, 0),
    unit: 'ops/s',
    reference: { name: 'sqlite.raw_single_row_insert_tx_per_second', value: round(raw, 0), unit: 'tx/s' },
    ratio: round(hub / raw, 3),
    target: 'ratio >= 0.5',
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** 200 WebSocket subscribers: latency from call-next returning to ticket.called at each; then RSS after 10,000 tickets. */
export async function subscribersBench(report: Report): Promise<void> {
  await withHub('subscribers', async (hub, admin, centre) => {
    const url = `${hub.url.replace('http', 'ws')}/api/events`;
    const arrivals = new Map<number, number[]>();
    const sockets = await Promise.all(
      Array.from(
        { length: 200 },
        () =>
          new Promise<WebSocket>((resolve, reject) => {
            const socket = new WebSocket(url, { headers: { authorization: `Bearer ${admin.token}` } });
            socket.on('message', (data) => {
              const at = performance.now();
              const text = String(data);
              if (!text.includes('"ticket.called"')) return;
              const id = (JSON.parse(text) as { ticket: { id: number } }).ticket.id;
              let list = arrivals.get(id);
              if (!list) arrivals.set(id, (list = []));
              list.push(at);
            });
            socket.on('open', () => resolve(socket));
            socket.on('error', reject);
          }),
      ),
    );

    const rounds = 200;
    const fromReturn: number[] = [];
    const fromRequest: number[] = [];
    for (let i = 0; i < rounds; i++) {
      await admin.issueTicket(centre.serviceId);
      const sent = performance.now();
      const ticket = await admin.callNext(centre.counterIds[0]!);
      const returned = performance.now();
      if (!ticket) throw new Error('no ticket to call');
      const deadline = performance.now() + 2_000;
      while ((arrivals.get(ticket.id)?.length ?? 0) < sockets.length) {
        if (performance.now() > deadline) throw new Error(`only ${arrivals.get(ticket.id)?.length ?? 0} subscribers got ticket ${ticket.id}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      for (const at of arrivals.get(ticket.id) ?? []) {
        // The event may overtake the HTTP answer: that counts as no delay after the return.
        fromReturn.push(Math.max(0, at - returned));
        fromRequest.push(at - sent);
      }
    }
    fromReturn.sort((a, b) => a - b);
    fromRequest.sort((a, b) => a - b);
    report({
      name: 'hub.call_to_event_latency_p50',
      value: round(percentile(fromReturn, 50)),
      unit: 'ms',
      subscribers: sockets.length,
      samples: fromReturn.length,
      note: 'from call-next returning to ticket.called arriving at each subscriber on loopback',
    });
    report({ name: 'hub.call_to_event_latency_p99', value: round(percentile(fromReturn, 99)), unit: 'ms', subscribers: sockets.length, target: '<= 20 ms' });
    report({ name: 'hub.request_to_event_latency_p99', value: round(percentile(fromRequest, 99)), unit: 'ms', note: 'from sending call-next, for reference' });

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
    report({ name: 'hub.rss_after_10000_tickets_200_subscribers', value: round(rssMb(pid), 1), unit: 'MB', tickets: issued, subscribers: sockets.length, target: '<= 150 MB' });
    for (const socket of sockets) socket.terminate();
  });
}
