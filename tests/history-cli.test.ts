import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQmsAsync } from './support/hub-process.js';
import { bearer, createTestHub, type TestHub } from './support/test-hub.js';

type Report = {
  rows: { key: number | string; issued: number; served: number; noShow: number; cancelled: number; waitMeanSeconds: number | null; ratings: number }[];
  total: { issued: number; served: number; noShow: number; cancelled: number; ratings: number; estimates: number; estimateWithin5MinShare: number | null };
};

/** `qms history generate` on the test hub's data folder (its fields and counters), then the reports over it. */
describe('qms history generate', () => {
  let hub: TestHub;
  let other: TestHub;
  beforeAll(async () => {
    hub = await createTestHub();
    other = await createTestHub();
  });
  afterAll(async () => {
    await hub.close();
    await other.close();
  });

  const count = (target: TestHub, sql: string) => target.ctx.db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
  const days = () =>
    hub.ctx.db.prepare<[], { business_day: string; n: number }>("SELECT business_day, count(*) AS n FROM tickets WHERE issued_by = 'history' GROUP BY business_day ORDER BY business_day").all();

  it('fills the days before today with realistic tickets, rolled up, and the reports add up', async () => {
    const result = await runQmsAsync(['history', 'generate', '--days', '14', '--per-day', '120', '--seed', '7', '--data', hub.dataDir]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^generated \d+ tickets over 14 days \(\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\) in [\d.]+ s, seed 7\n$/m);
    const perDay = days();
    const today = hub.ctx.view.today();
    // Sundays are closed; the last day is the day before the real today (the command uses the wall clock, not the test hub's).
    expect(perDay.length).toBeGreaterThanOrEqual(11);
    expect(perDay.length).toBeLessThanOrEqual(12);
    for (const { business_day: day, n } of perDay) {
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
      expect(weekday, day).not.toBe(0);
      if (weekday >= 1 && weekday <= 5) expect(n, day).toBeGreaterThan(60);
    }
    // every day is rolled up, the closed Sundays too (with no tickets)
    expect(count(hub, 'SELECT count(*) AS n FROM report_days_done')).toBe(14);
    expect(count(hub, "SELECT count(*) AS n FROM tickets WHERE issued_by = 'history' AND status NOT IN ('done', 'no_show', 'cancelled')")).toBe(0);
    expect(count(hub, 'SELECT count(*) AS n FROM ticket_ratings')).toBeGreaterThan(0);

    const from = perDay[0]?.business_day ?? today;
    const to = perDay[perDay.length - 1]?.business_day ?? today;
    const reply = await hub.app.inject({ method: 'GET', url: `/api/reports/queue?from=${from}&to=${to}&groupBy=service`, headers: bearer(hub.tokens.admin) });
    expect(reply.statusCode, reply.body).toBe(200);
    const report = reply.json<Report>();
    const total = count(hub, "SELECT count(*) AS n FROM tickets WHERE issued_by = 'history'");
    expect(report.total.issued).toBe(total);
    expect(report.total.served).toBe(count(hub, "SELECT count(*) AS n FROM tickets WHERE issued_by = 'history' AND status = 'done'"));
    expect(report.rows.reduce((sum, row) => sum + row.issued, 0)).toBe(total);
    expect(report.total.served + report.total.noShow + report.total.cancelled).toBe(total);
    for (const row of report.rows.filter((r) => r.issued > 0)) expect(row.waitMeanSeconds, `field ${row.key}`).not.toBeNull();
    // Every called ticket carries the estimate the kiosk would have printed (the test hub's counters are all open).
    expect(report.total.estimates).toBe(count(hub, "SELECT count(*) AS n FROM tickets WHERE issued_by = 'history' AND called_at IS NOT NULL"));
    expect(report.total.estimateWithin5MinShare).toBeGreaterThan(0.5);
  });

  it('gives the same history for the same seed', async () => {
    const result = await runQmsAsync(['history', 'generate', '--days', '14', '--per-day', '120', '--seed', '7', '--data', other.dataDir]);
    expect(result.status, result.stderr).toBe(0);
    const rows = (target: TestHub) =>
      target.ctx.db.prepare("SELECT business_day, label, status, issued_at, called_at, finished_at, estimated_wait_seconds FROM tickets WHERE issued_by = 'history' ORDER BY id").all();
    expect(rows(other)).toEqual(rows(hub));
  });

  it('refuses days that already have tickets, bad numbers and a running hub, in words', async () => {
    const again = await runQmsAsync(['history', 'generate', '--days', '3', '--per-day', '10', '--data', hub.dataDir]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/^qms: the data folder already has \d+ tickets between .* generate history into a fresh data folder\n$/);
    const bad = await runQmsAsync(['history', 'generate', '--days', '0', '--per-day', '10', '--data', hub.dataDir]);
    expect(bad.stderr).toBe('qms: --days "0" must be a whole number from 1 to 3660\n');
    writeFileSync(join(hub.dataDir, 'hub.pid'), String(process.pid));
    const running = await runQmsAsync(['history', 'generate', '--days', '3', '--per-day', '10', '--data', hub.dataDir]);
    expect(running.stderr).toBe(`qms: the hub (pid ${process.pid}) is running on ${hub.dataDir}; stop it before generating history\n`);
  });
});
