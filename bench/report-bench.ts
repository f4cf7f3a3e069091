import { join } from 'node:path';
import { HubClient } from '@qms/client';
import { addDays, businessDay } from '@qms/core';
import { openDatabase, SqliteReportStore } from '@qms/db';
import { estimateAccuracyBench } from './estimate-bench.js';
import { ADMIN_PASSWORD, runQmsAsync, startHubProcess } from '../tests/support/hub-process.js';
import { absoluteNow, BENCH_DIR, median, percentile, type Report, round, startSubscribers } from './hub-bench.js';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** A year of a busy centre; QMS_BENCH_HISTORY_DAYS / _PER_DAY make it smaller for a quick look. */
const DAYS = Number(process.env.QMS_BENCH_HISTORY_DAYS ?? 365);
const PER_DAY = Number(process.env.QMS_BENCH_HISTORY_PER_DAY ?? 3000);
const RUNS = 10;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * The reports over a generated year (issue 13): the year report by field and by day, a day's
 * report, p50 over 10 runs each; what rolling a day up costs at its close; and call → event p99
 * while reports run, beside the same without them.
 */
export async function reportsBench(report: Report): Promise<void> {
  const dataDir = join(BENCH_DIR, 'reports');
  const seeding = await startHubProcess(dataDir, { args: ['--demo'], env: { QMS_DEMO_PRINTER_PORT: '0', QMS_LOG_LEVEL: 'error' } });
  await seeding.stop();
  const started = performance.now();
  const generated = await runQmsAsync(['history', 'generate', '--days', String(DAYS), '--per-day', String(PER_DAY), '--seed', '1', '--data', dataDir]);
  if (generated.status !== 0) throw new Error(`history generate failed: ${generated.stderr}`);
  const tickets = Number(/generated (\d+) tickets/.exec(generated.stdout)?.[1] ?? 0);
  report({ name: 'reports.history_generated', value: round((performance.now() - started) / 1000, 1), unit: 's', tickets, days: DAYS, perDay: PER_DAY });

  const yesterday = addDays(businessDay(new Date(), TIME_ZONE), -1);
  const from = addDays(yesterday, -(DAYS - 1));
  {
    // The roll-up of one busy day, as the hub does it at the close (here on its file, the hub stopped).
    const db = openDatabase(join(dataDir, 'qms.db'));
    const store = new SqliteReportStore(db);
    let busiest = yesterday;
    for (let day = addDays(yesterday, -6); day <= yesterday; day = addDays(day, 1)) if (store.tickets(day).length > store.tickets(busiest).length) busiest = day;
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      store.rollUpDay(busiest, TIME_ZONE, new Date().toISOString());
      times.push(performance.now() - start);
    }
    report({
      name: 'reports.rollup_of_a_day_ms',
      value: round(median(times)),
      unit: 'ms',
      tickets: store.tickets(busiest).length,
      note: 'one business day rolled up at its close: read its tickets, write its rows (p50 of 5)',
    });
    estimateAccuracyBench(db, report);
    const size = db.prepare<[], { n: number; bytes: number }>('SELECT count(*) AS n, sum(length(figures)) AS bytes FROM report_days').get();
    report({ name: 'reports.rollup_rows', value: size?.n ?? 0, unit: 'rows', bytes: size?.bytes ?? 0, days: DAYS });
    db.close();
  }

  const hub = await startHubProcess(dataDir, { env: { QMS_LOG_LEVEL: 'error' } });
  try {
    const admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    const get = (query: string) => admin.request('GET', `/api/reports/queue?${query}`);
    const p50 = async (query: string) => {
      await get(query); // a first run warms the page cache
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push(await timed(() => get(query)));
      return median(times);
    };
    for (const [name, query, target] of [
      ['reports.year_by_field_ms', `from=${from}&to=${yesterday}&groupBy=service`, '<= 500 ms'],
      ['reports.year_by_day_ms', `from=${from}&to=${yesterday}&groupBy=day`, '<= 500 ms'],
      ['reports.year_by_hour_ms', `from=${from}&to=${yesterday}&groupBy=hour`, '<= 500 ms'],
      ['reports.day_by_field_ms', `from=${yesterday}&to=${yesterday}&groupBy=service`, '<= 50 ms'],
    ] as const) {
      report({ name, value: round(await p50(query)), unit: 'ms', runs: RUNS, tickets, target, note: 'p50 over HTTP, JSON' });
    }

    // Call → event p99 with 50 subscribers, without and then with an admin asking for year reports back to back.
    const services = (await admin.request<{ id: number; active: boolean }[]>('GET', '/api/services')).body;
    const counters = (await admin.request<{ id: number; serviceIds: number[] }[]>('GET', '/api/counters')).body;
    const service = services.find((s) => s.active && counters.some((c) => c.serviceIds[0] === s.id));
    const counter = counters.find((c) => c.serviceIds[0] === service?.id);
    if (!service || !counter) throw new Error('no field with a counter serving it first');
    const subscribers = await startSubscribers(`${hub.url.replace('http', 'ws')}/api/events`, admin.token ?? '', 50, 2);
    const latencies = async (rounds: number) => {
      const after: number[] = [];
      for (let i = 0; i < rounds; i++) {
        await admin.issueTicket(service.id);
        const ticket = await admin.callNext(counter.id);
        const answered = absoluteNow();
        if (!ticket) throw new Error('no ticket to call');
        const deadline = performance.now() + 5_000;
        while ((subscribers.arrivals.get(ticket.id)?.length ?? 0) < 50) {
          if (performance.now() > deadline) throw new Error('subscribers missed an event');
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        for (const at of subscribers.arrivals.get(ticket.id) ?? []) after.push(Math.max(0, at - answered));
      }
      return after.sort((a, b) => a - b);
    };
    const quiet = await latencies(150);
    let running = true;
    let reportsRun = 0;
    const reporter = new HubClient({ baseUrl: hub.url });
    await reporter.login('admin', ADMIN_PASSWORD);
    const load = (async () => {
      while (running) {
        await reporter.request('GET', `/api/reports/queue?from=${from}&to=${yesterday}&groupBy=${reportsRun % 2 === 0 ? 'service' : 'day'}`);
        reportsRun++;
      }
    })();
    const busy = await latencies(150);
    running = false;
    await load;
    await subscribers.stop();
    report({
      name: 'hub.call_to_event_latency_p99_during_reports',
      value: round(percentile(busy, 99)),
      unit: 'ms',
      reference: { name: 'hub.call_to_event_latency_p99_without_reports', value: round(percentile(quiet, 99)), unit: 'ms' },
      reportsRun,
      subscribers: 50,
      target: '<= 20 ms',
    });
  } finally {
    await hub.stop();
  }
}
