import { readSheet } from 'read-excel-file/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

type Row = {
  key: number | string;
  label: string;
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  waitMeanSeconds: number | null;
  waitP90Seconds: number | null;
  serviceMeanSeconds: number | null;
  ratings: number;
  satisfiedShare: number | null;
} & Record<string, unknown>;
type Report = { from: string; to: string; groupBy: string; rows: Row[]; total: Omit<Row, 'key' | 'label'> };

/**
 * GET /api/reports/queue on a constructed history with known answers: tickets written straight into
 * the hub's SQLite file for past days (as `qms history generate` does), read live from the tickets,
 * then from the day's roll-up once the hub has rolled the days up.
 */
describe('queue reports', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await createTestHub(); // the clock: 2026-11-27 08:00 in Hà Nội
  });
  afterEach(() => hub.close());

  let sequence = 0;
  /** A ticket of a past day: issued at `issuedAt`, called `wait` s later at `counterId`, served for `service` s (null: not served). */
  function ticket(
    day: string,
    serviceId: number,
    issuedAt: string,
    options: { wait?: number; service?: number; status?: string; counterId?: number; servedBy?: number | null; rating?: number; priority?: string; estimate?: number } = {},
  ) {
    sequence += 1;
    const issued = Date.parse(issuedAt);
    const called = options.wait === undefined ? null : new Date(issued + options.wait * 1000).toISOString();
    const finished = options.service === undefined || called === null ? null : new Date(Date.parse(called) + options.service * 1000).toISOString();
    const status = options.status ?? (finished ? 'done' : called ? 'no_show' : 'cancelled');
    const { lastInsertRowid } = hub.ctx.db
      .prepare(
        `INSERT INTO tickets (business_day, issue_service_id, number, label, service_id, priority, status, counter_id, issued_at, called_at, started_at, finished_at, issued_by, served_by, estimated_wait_seconds)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, 'test', ?, ?)`,
      )
      .run(
        day,
        serviceId,
        sequence,
        `T${sequence}`,
        serviceId,
        options.priority ?? 'normal',
        status,
        called ? (options.counterId ?? hub.centre.counter1.id) : null,
        issuedAt,
        called,
        finished,
        called ? (options.servedBy ?? null) : null,
        options.estimate ?? null,
      );
    if (options.rating !== undefined) {
      hub.ctx.db
        .prepare('INSERT INTO ticket_ratings (ticket_id, score, levels, counter_id, rated_at) VALUES (?, ?, 4, ?, ?)')
        .run(Number(lastInsertRowid), options.rating, options.counterId ?? hub.centre.counter1.id, finished);
    }
  }

  const report = async (query: string, token = hub.tokens.admin) => {
    const reply = await hub.app.inject({ method: 'GET', url: `/api/reports/queue?${query}`, headers: bearer(token) });
    expect(reply.statusCode, reply.body).toBe(200);
    return reply.json<Report>();
  };

  /** Field A on Friday 20 Nov: ten tickets from 08:00 local, waits 60..600 s, served 100..109 s; two rated 4 and one 2. */
  function constructedDay() {
    const { a, b } = hub.centre;
    for (let i = 0; i < 10; i++) {
      ticket('2026-11-20', a.id, new Date(Date.parse('2026-11-20T01:00:00.000Z') + i * 1000).toISOString(), { wait: 60 * (i + 1), service: 100 + i, ...(i < 3 ? { rating: i < 2 ? 4 : 2 } : {}) });
    }
    ticket('2026-11-20', a.id, '2026-11-20T02:00:00.000Z', { wait: 30, counterId: hub.centre.counter3.id }); // called at counter 3, absent
    ticket('2026-11-20', b.id, '2026-11-20T03:00:00.000Z'); // never called: cancelled at close
  }

  it('by field: counts, mean and nearest-rank p90 of waits, service times and satisfaction', async () => {
    constructedDay();
    const { rows, total } = await report('from=2026-11-20&to=2026-11-20&groupBy=service');
    const a = rows.find((row) => row.key === hub.centre.a.id);
    expect(a).toMatchObject({ label: hub.centre.a.name, issued: 11, served: 10, noShow: 1, cancelled: 0, ratings: 3, satisfiedShare: 2 / 3, serviceMeanSeconds: 105, serviceP90Seconds: 108 });
    // waits: 30 and 60..600 → eleven values; mean 3330/11 = 302.7; median rank ceil(5.5) = 6th = 300; p90 rank ceil(9.9) = 10th = 540
    expect(a).toMatchObject({ waitMeanSeconds: 303, waitMedianSeconds: 300, waitP90Seconds: 540, waitMaxSeconds: 600, waitedOverTargetShare: 0 });
    expect(rows.find((row) => row.key === hub.centre.b.id)).toMatchObject({
      issued: 1,
      cancelled: 1,
      served: 0,
      waitMeanSeconds: null,
      waitP90Seconds: null,
      serviceMeanSeconds: null,
      ratings: 0,
      satisfiedShare: null,
    });
    // field C had nothing: listed, all zeros and nulls
    expect(rows.find((row) => row.key === hub.centre.c.id)).toMatchObject({ issued: 0, served: 0, waitMeanSeconds: null });
    expect(total).toMatchObject({ issued: 12, served: 10, noShow: 1, cancelled: 1, ratings: 3 });
    expect((await report('from=2026-11-20&to=2026-11-20&groupBy=service&targetMinutes=5')).rows.find((row) => row.key === hub.centre.a.id)?.waitedOverTargetShare).toBe(5 / 11);
  });

  it("the kiosk's estimate against the wait that followed, by field: mean absolute error, bias, share within ±5 minutes", async () => {
    const { a, b } = hub.centre;
    const at = (minute: number) => new Date(Date.parse('2026-11-20T01:00:00.000Z') + minute * 60_000).toISOString();
    ticket('2026-11-20', a.id, at(0), { wait: 600, service: 60, estimate: 420 }); // 180 s short: within
    ticket('2026-11-20', a.id, at(1), { wait: 300, service: 60, estimate: 900 }); // 600 s long
    ticket('2026-11-20', a.id, at(2), { wait: 60, estimate: 0 }); // a no-show was called: 60 s short, within
    ticket('2026-11-20', a.id, at(3), { wait: 60, service: 60 }); // no estimate (no counter open then)
    ticket('2026-11-20', b.id, at(4), { estimate: 120 }); // never called: no wait to measure it against
    const rows = (await report('from=2026-11-20&to=2026-11-20&groupBy=service')).rows;
    expect(rows.find((row) => row.key === a.id)).toMatchObject({ estimates: 3, estimateMeanAbsErrorSeconds: 280, estimateBiasSeconds: 120, estimateWithin5MinShare: 2 / 3 });
    expect(rows.find((row) => row.key === b.id)).toMatchObject({ estimates: 0, estimateMeanAbsErrorSeconds: null, estimateBiasSeconds: null, estimateWithin5MinShare: null });

    // Live: the estimate a ticket is issued with is kept and measured once it is called.
    const issued = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: hub.centre.c.id } });
    expect(issued.statusCode).toBe(201);
    const promised = issued.json<{ estimatedWaitSeconds: number }>().estimatedWaitSeconds;
    hub.clock.advance(200_000);
    const called = await hub.app.inject({ method: 'POST', url: `/api/counters/${hub.centre.counter3.id}/call-next`, headers: bearer(hub.tokens.staff) });
    expect(called.statusCode, called.body).toBe(200);
    const today = (await report('from=2026-11-27&to=2026-11-27&groupBy=service')).rows.find((row) => row.key === hub.centre.c.id);
    expect(today).toMatchObject({ estimates: 1, estimateBiasSeconds: promised - 200, estimateMeanAbsErrorSeconds: Math.abs(promised - 200) });
  });

  it('by counter and by clerk: a ticket never called belongs to neither', async () => {
    constructedDay();
    const byCounter = await report('from=2026-11-20&to=2026-11-20&groupBy=counter');
    expect(byCounter.rows.map((row) => [row.label, row.issued, row.served, row.noShow])).toEqual([
      ['Quầy 1', 10, 10, 0],
      ['Quầy 2', 0, 0, 0],
      ['Quầy 3', 1, 0, 1],
    ]);
    const staff = (await hub.ctx.access.listUsers()).find((user) => user.role === 'staff');
    ticket('2026-11-21', hub.centre.b.id, '2026-11-21T01:00:00.000Z', { wait: 120, service: 60, servedBy: staff?.id ?? null });
    const byClerk = await report('from=2026-11-20&to=2026-11-21&groupBy=staff');
    expect(byClerk.rows).toHaveLength(1);
    expect(byClerk.rows[0]).toMatchObject({ key: staff?.id, label: 'staff1', issued: 1, served: 1, waitMeanSeconds: 120, serviceMeanSeconds: 60 });
  });

  it('days and hours in the centre time zone: 17:00 UTC is midnight of the next day in Hà Nội', async () => {
    const { a } = hub.centre;
    ticket('2026-11-20', a.id, '2026-11-20T16:59:59.000Z', { wait: 10, service: 10 }); // 23:59:59 on the 20th
    ticket('2026-11-21', a.id, '2026-11-20T17:00:00.000Z', { wait: 10, service: 10 }); // 00:00:00 on the 21st
    const byHour = await report('from=2026-11-19&to=2026-11-21&groupBy=hour');
    expect(byHour.rows.map((row) => [row.key, row.label, row.issued])).toEqual([
      [0, '00:00–01:00', 1],
      [23, '23:00–00:00', 1],
    ]);
    const byDay = await report('from=2026-11-19&to=2026-11-21&groupBy=day');
    expect(byDay.rows.map((row) => [row.key, row.label, row.issued])).toEqual([
      ['2026-11-19', '19/11/2026', 0],
      ['2026-11-20', '20/11/2026', 1],
      ['2026-11-21', '21/11/2026', 1],
    ]);
  });

  it('a rolled-up day answers exactly as its tickets did, and today is read from the tickets', async () => {
    constructedDay();
    ticket('2026-11-21', hub.centre.b.id, '2026-11-21T04:00:00.000Z', { wait: 45, service: 200, rating: 3 });
    const queries = ['groupBy=service', 'groupBy=counter', 'groupBy=day', 'groupBy=hour'].map((group) => `from=2026-11-01&to=2026-11-30&${group}`);
    const live = await Promise.all(queries.map((query) => report(query)));
    // Today (27 Nov, the hub's clock): a ticket issued, called and finished through the API.
    // A catch-up goes a few days a call, oldest first.
    expect(await hub.ctx.queue.call('rollUpReports', 1)).toEqual(['2026-11-20']);
    expect(await hub.ctx.queue.call('rollUpReports', 5)).toEqual(['2026-11-21']);
    expect(await hub.ctx.queue.call('rollUpReports', 5)).toEqual([]);
    const rolled = hub.ctx.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM report_days').get();
    expect(rolled?.n).toBeGreaterThan(5);
    expect(await Promise.all(queries.map((query) => report(query)))).toEqual(live);

    const issued = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: hub.centre.c.id } });
    expect(issued.statusCode).toBe(201);
    hub.clock.advance(90_000);
    const called = await hub.app.inject({ method: 'POST', url: `/api/counters/${hub.centre.counter3.id}/call-next`, headers: bearer(hub.tokens.staff) });
    expect(called.statusCode, called.body).toBe(200);
    const today = await report('from=2026-11-27&to=2026-11-27&groupBy=service');
    expect(today.rows.find((row) => row.key === hub.centre.c.id)).toMatchObject({ issued: 1, waitMeanSeconds: 90 });
    expect(await hub.ctx.queue.call('rollUpReports', 5)).toEqual([]); // today is not over
  });

  it('CSV: Vietnamese headers with a BOM, one line per row and the total', async () => {
    constructedDay();
    const reply = await hub.app.inject({ method: 'GET', url: '/api/reports/queue?from=2026-11-20&to=2026-11-20&groupBy=service&format=csv', headers: bearer(hub.tokens.admin) });
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(reply.headers['content-disposition']).toContain('attachment; filename="bao-cao-service-2026-11-20-2026-11-20.csv"');
    const text = reply.rawPayload.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]?.split(',').slice(0, 4)).toEqual(['Lĩnh vực', 'Tên', 'Số phiếu đã cấp', 'Đã phục vụ']);
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(lines[1]?.split(',').slice(0, 6)).toEqual([String(hub.centre.a.id), hub.centre.a.name, '11', '10', '1', '0']);
    expect(lines[4]?.split(',').slice(0, 3)).toEqual(['', 'Tổng cộng', '12']);
  });

  it("gives the counters' pauses in the period by reason (cut at its edges, one still going counted to now) and the applications' on-time figures", async () => {
    const { counter1, counter2 } = hub.centre;
    const pause = hub.ctx.db.prepare('INSERT INTO counter_pauses (counter_id, reason, started_at, ended_at) VALUES (?, ?, ?, ?)');
    // 20 Nov in Hà Nội runs from 19 Nov 17:00 UTC to 20 Nov 17:00 UTC.
    pause.run(counter1.id, 'break', '2026-11-19T16:50:00.000Z', '2026-11-19T17:10:00.000Z'); // 10 min inside
    pause.run(counter1.id, 'break', '2026-11-20T03:00:00.000Z', '2026-11-20T03:15:00.000Z'); // 15 min
    pause.run(counter2.id, null, '2026-11-20T05:00:00.000Z', '2026-11-20T05:01:00.000Z');
    pause.run(counter2.id, 'meeting', '2026-11-18T03:00:00.000Z', '2026-11-18T04:00:00.000Z'); // another day
    const reply = await hub.app.inject({ method: 'GET', url: '/api/reports/queue?from=2026-11-20&to=2026-11-20&groupBy=counter', headers: bearer(hub.tokens.admin) });
    const body = reply.json<{ pauses: unknown[]; applications: { total: number; onTimeRate: number | null } }>();
    expect(body.pauses).toEqual([
      { counterId: counter1.id, reason: 'break', count: 2, seconds: 25 * 60 },
      { counterId: counter2.id, reason: null, count: 1, seconds: 60 },
    ]);
    // A pause still going on today counts up to now (the hub's clock: 27 Nov 01:00 UTC).
    pause.run(counter2.id, 'system_fault', '2026-11-27T00:30:00.000Z', null);
    const today = (await hub.app.inject({ method: 'GET', url: '/api/reports/queue?from=2026-11-27&to=2026-11-27&groupBy=counter', headers: bearer(hub.tokens.admin) })).json<{ pauses: unknown[] }>();
    expect(today.pauses).toEqual([{ counterId: counter2.id, reason: 'system_fault', count: 1, seconds: 30 * 60 }]);
    expect(body.applications).toMatchObject({ total: 0, onTimeRate: null });
  });

  it('refuses a bad period with a stable code and words, and every role but admin', async () => {
    for (const query of [
      'from=2026-11-30&to=2026-11-01&groupBy=day',
      'from=2026-02-30&to=2026-03-01&groupBy=day',
      'from=2020-01-01&to=2030-12-31&groupBy=day',
      'from=2026-11-01&to=2026-11-30&groupBy=week',
    ]) {
      const reply = await hub.app.inject({ method: 'GET', url: `/api/reports/queue?${query}`, headers: bearer(hub.tokens.admin) });
      expect(reply.statusCode, query).toBe(400);
      expect(reply.json<{ error: { code: string; message: string } }>().error.code).toMatch(/^request\./);
    }
    for (const role of ['technician', 'staff'] as const) {
      const reply = await hub.app.inject({ method: 'GET', url: '/api/reports/queue?from=2026-11-01&to=2026-11-30&groupBy=day', headers: bearer(hub.tokens[role]) });
      expect(reply.statusCode).toBe(403);
    }
  });
});

describe('queue reports as XLSX', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await createTestHub();
  });
  afterEach(() => hub.close());

  it('is a workbook whose cells read back: Vietnamese headers and names whole, numbers as numbers, the total last', async () => {
    const { a } = hub.centre;
    await hub.ctx.queue.call('updateService', a.id, { name: 'Đất đai – Nhà ở' });
    for (let i = 0; i < 3; i++) {
      const issuedAt = new Date(Date.parse('2026-11-20T01:00:00.000Z') + i * 60_000).toISOString();
      const calledAt = new Date(Date.parse(issuedAt) + 600_000).toISOString();
      const finishedAt = new Date(Date.parse(calledAt) + 300_000).toISOString();
      hub.ctx.db
        .prepare(
          `INSERT INTO tickets (business_day, issue_service_id, number, label, service_id, priority, status, counter_id, issued_at, called_at, finished_at, issued_by)
           VALUES ('2026-11-20', ?, ?, ?, ?, 'normal', 'done', ?, ?, ?, ?, 'test')`,
        )
        .run(a.id, i + 1, `A00${i + 1}`, a.id, hub.centre.counter1.id, issuedAt, calledAt, finishedAt);
    }
    const reply = await hub.app.inject({ method: 'GET', url: '/api/reports/queue?from=2026-11-20&to=2026-11-20&groupBy=service&format=xlsx', headers: bearer(hub.tokens.admin) });
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const rows = await readSheet(reply.rawPayload);
    expect(rows[0]?.slice(0, 6)).toEqual(['Lĩnh vực', 'Tên', 'Số phiếu đã cấp', 'Đã phục vụ', 'Vắng mặt', 'Đã hủy']);
    expect(rows[1]?.slice(0, 4)).toEqual([a.id, 'Đất đai – Nhà ở', 3, 3]);
    const header = rows[0] as string[];
    expect(rows[1]?.[header.indexOf('Chờ trung bình (giây)')]).toBe(600);
    expect(rows[1]?.[header.indexOf('Tỷ lệ chờ quá chỉ tiêu')]).toBe(0);
    expect(rows[rows.length - 1]?.slice(1, 3)).toEqual(['Tổng cộng', 3]);
    expect(rows).toHaveLength(1 + 3 + 1);
  });
});
