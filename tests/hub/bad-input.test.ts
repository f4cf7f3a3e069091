import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

interface Case {
  name: string;
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  as?: 'admin' | 'staff' | 'technician' | 'nobody';
  status: number;
  code: string;
}

const json = (value: unknown) => JSON.stringify(value);
const SQL = "1'; DROP TABLE tickets; --";

/** Bad requests get a 4xx with a stable code; none reaches a 5xx, and the hub keeps serving. */
const CASES: Case[] = [
  { name: 'malformed JSON', url: '/api/tickets', body: '{"serviceId": 1,', status: 400, code: 'request.malformed_json' },
  { name: 'JSON with a trailing comma', url: '/api/tickets', body: '{"serviceId": 1,}', status: 400, code: 'request.malformed_json' },
  { name: 'not JSON at all', url: '/api/tickets', body: 'serviceId=1', status: 400, code: 'request.malformed_json' },
  { name: 'empty JSON body where one is needed', url: '/api/tickets', body: '', status: 400, code: 'request.invalid' },
  { name: 'a JSON array instead of an object', url: '/api/tickets', body: '[1]', status: 400, code: 'request.invalid' },
  { name: 'a JSON string instead of an object', url: '/api/tickets', body: '"A"', status: 400, code: 'request.invalid' },
  { name: 'null body', url: '/api/tickets', body: 'null', status: 400, code: 'request.invalid' },
  { name: 'serviceId as a string', url: '/api/tickets', body: json({ serviceId: '1' }), status: 400, code: 'request.invalid' },
  { name: 'serviceId as a boolean', url: '/api/tickets', body: json({ serviceId: true }), status: 400, code: 'request.invalid' },
  { name: 'serviceId as a fraction', url: '/api/tickets', body: json({ serviceId: 1.5 }), status: 400, code: 'request.invalid' },
  { name: 'serviceId negative', url: '/api/tickets', body: json({ serviceId: -1 }), status: 400, code: 'request.invalid' },
  { name: 'serviceId huge', url: '/api/tickets', body: json({ serviceId: 1e20 }), status: 400, code: 'request.invalid' },
  { name: 'serviceId missing', url: '/api/tickets', body: json({ priority: 'elderly' }), status: 400, code: 'request.invalid' },
  { name: 'unknown priority', url: '/api/tickets', body: json({ serviceId: 1, priority: 'vip' }), status: 400, code: 'request.invalid' },
  { name: 'an unknown field', url: '/api/tickets', body: json({ serviceId: 1, counter: 2 }), status: 400, code: 'request.invalid' },
  { name: 'prototype poisoning', url: '/api/tickets', body: '{"serviceId":1,"__proto__":{"admin":true}}', status: 400, code: 'request.malformed_json' },
  { name: 'constructor poisoning', url: '/api/tickets', body: '{"serviceId":1,"constructor":{"prototype":{"x":1}}}', status: 400, code: 'request.malformed_json' },
  { name: 'a body over 64 KiB', url: '/api/tickets', body: json({ serviceId: 1, pad: 'x'.repeat(70_000) }), status: 413, code: 'request.too_large' },
  { name: 'text/plain', url: '/api/tickets', body: 'hello', contentType: 'text/plain', status: 415, code: 'request.unsupported_media_type' },
  { name: 'form encoded', url: '/api/tickets', body: 'serviceId=1', contentType: 'application/x-www-form-urlencoded', status: 415, code: 'request.unsupported_media_type' },
  { name: 'an idempotency key too long', url: '/api/tickets', body: json({ serviceId: 1 }), headers: { 'idempotency-key': 'k'.repeat(200) }, status: 400, code: 'request.invalid' },
  { name: 'an idempotency key with odd characters', url: '/api/tickets', body: json({ serviceId: 1 }), headers: { 'idempotency-key': "key'; DROP TABLE x" }, status: 400, code: 'request.invalid' },
  { name: 'unknown service id', url: '/api/tickets', body: json({ serviceId: 4242 }), status: 404, code: 'service.not_found' },
  { name: 'unknown ticket id', method: 'GET', url: '/api/tickets/4242', status: 404, code: 'ticket.not_found' },
  { name: 'unknown counter id', url: '/api/counters/4242/call-next', status: 404, code: 'counter.not_found' },
  { name: 'id zero', method: 'GET', url: '/api/tickets/0', status: 400, code: 'request.invalid' },
  { name: 'id too large for the database', method: 'GET', url: '/api/tickets/99999999999999999999', status: 400, code: 'request.invalid' },
  { name: 'id with SQL in it', method: 'GET', url: `/api/tickets/${encodeURIComponent('1 OR 1=1')}`, status: 400, code: 'request.invalid' },
  { name: 'status filter with SQL in it', method: 'GET', url: `/api/tickets?status=${encodeURIComponent("waiting' OR '1'='1")}`, status: 400, code: 'request.invalid' },
  { name: 'an unknown query parameter', method: 'GET', url: '/api/tickets?statuss=waiting', status: 400, code: 'request.invalid' },
  { name: 'SQL as a user name', url: '/api/auth/login', body: json({ username: "admin' OR '1'='1", password: "' OR ''='" }), as: 'nobody', status: 401, code: 'auth.invalid_credentials' },
  { name: 'SQL as a pairing code', url: '/api/devices/approve', body: json({ code: "1' OR '1'='1" }), as: 'technician', status: 404, code: 'device.pairing_not_found' },
  { name: 'SQL as a service code', url: '/api/services', body: json({ code: SQL, name: 'x', nameEn: 'x', prefix: 'Q', rangeStart: 1, rangeEnd: 9 }), as: 'admin', status: 400, code: 'config.invalid' },
  { name: 'SQL as a user name to create', url: '/api/users', body: json({ username: SQL, role: 'staff', password: 'long-enough-1' }), as: 'admin', status: 400, code: 'request.invalid' },
  { name: 'a lower-case prefix', url: '/api/services', body: json({ code: 'x', name: 'x', nameEn: 'x', prefix: 'q', rangeStart: 1, rangeEnd: 9 }), as: 'admin', status: 400, code: 'config.invalid' },
  {
    name: 'an impossible opening time',
    method: 'PATCH',
    url: '/api/services/1',
    body: json({ openingHours: [{ days: [1], open: '25:00', close: '26:00' }] }),
    as: 'admin',
    status: 400,
    code: 'request.invalid',
  },
  { name: 'an empty patch', method: 'PATCH', url: '/api/services/1', body: json({}), as: 'admin', status: 400, code: 'request.invalid' },
  { name: 'a method the route lacks', method: 'PUT', url: '/api/tickets', body: json({ serviceId: 1 }), status: 404, code: 'route.not_found' },
  { name: 'a plain GET on the WebSocket route', method: 'GET', url: '/api/events', status: 426, code: 'request.upgrade_required' },
  { name: 'a negative since', method: 'GET', url: '/api/events?since=-1', status: 400, code: 'request.invalid' },
  // the counter caller: call out of order, pause reasons, requeue, ratings
  { name: 'a label as a number', url: '/api/counters/1/call-ticket', body: json({ label: 1 }), status: 400, code: 'request.invalid' },
  { name: 'a label missing', url: '/api/counters/1/call-ticket', body: json({}), status: 400, code: 'request.invalid' },
  { name: 'no body where a label is needed', url: '/api/counters/1/call-ticket', status: 400, code: 'request.invalid' },
  { name: 'a label with SQL in it', url: '/api/counters/1/call-ticket', body: json({ label: "A001' OR '1'='1" }), status: 400, code: 'request.invalid' },
  { name: 'a label too long', url: '/api/counters/1/call-ticket', body: json({ label: 'A'.repeat(13) }), status: 400, code: 'request.invalid' },
  { name: 'an unknown field beside the label', url: '/api/counters/1/call-ticket', body: json({ label: 'A001', priority: 'elderly' }), status: 400, code: 'request.invalid' },
  { name: 'an unknown label', url: '/api/counters/1/call-ticket', body: json({ label: 'Z999' }), status: 404, code: 'ticket.not_found' },
  { name: 'an unknown pause reason', url: '/api/counters/1/pause', body: json({ reason: 'lunch' }), status: 400, code: 'request.invalid' },
  { name: 'a pause reason as a number', url: '/api/counters/1/pause', body: json({ reason: 1 }), status: 400, code: 'request.invalid' },
  { name: 'a pause reason of null', url: '/api/counters/1/pause', body: json({ reason: null }), status: 400, code: 'request.invalid' },
  { name: 'an unknown field beside the pause reason', url: '/api/counters/1/pause', body: json({ reason: 'break', minutes: 15 }), status: 400, code: 'request.invalid' },
  { name: 'a pause body of null', url: '/api/counters/1/pause', body: 'null', status: 400, code: 'request.invalid' },
  { name: 'a pause body that is an array', url: '/api/counters/1/pause', body: json(['break']), status: 400, code: 'request.invalid' },
  { name: 'requeue of an unknown ticket', url: '/api/tickets/4242/requeue', status: 404, code: 'ticket.not_found' },
  { name: 'a score of 0', url: '/api/tickets/1/rating', body: json({ score: 0 }), status: 400, code: 'request.invalid' },
  { name: 'a score above any scale', url: '/api/tickets/1/rating', body: json({ score: 6 }), status: 400, code: 'request.invalid' },
  { name: 'a fractional score', url: '/api/tickets/1/rating', body: json({ score: 2.5 }), status: 400, code: 'request.invalid' },
  { name: 'a score as a string', url: '/api/tickets/1/rating', body: json({ score: '4' }), status: 400, code: 'request.invalid' },
  { name: 'a score missing', url: '/api/tickets/1/rating', body: json({}), status: 400, code: 'request.invalid' },
  { name: 'an unknown field beside the score', url: '/api/tickets/1/rating', body: json({ score: 4, comment: 'tốt' }), status: 400, code: 'request.invalid' },
  { name: 'a rating of an unknown ticket', url: '/api/tickets/4242/rating', body: json({ score: 4 }), status: 404, code: 'ticket.not_found' },
  { name: 'a rating scale of 6 levels', method: 'PATCH', url: '/api/settings', body: json({ ratingScale: 6 }), as: 'admin', status: 400, code: 'request.invalid' },
  { name: 'a rating scale of 2 levels', method: 'PATCH', url: '/api/settings', body: json({ ratingScale: 2 }), as: 'admin', status: 400, code: 'request.invalid' },
  { name: 'the rating labels set directly', method: 'PATCH', url: '/api/settings', body: json({ ratingLabels: [] }), as: 'admin', status: 400, code: 'request.invalid' },
  { name: 'a negative number of recalls', method: 'PATCH', url: '/api/settings', body: json({ minRecallsBeforeNoShow: -1 }), as: 'admin', status: 400, code: 'request.invalid' },
  { name: 'recall minutes as a string', method: 'PATCH', url: '/api/settings', body: json({ noShowRecallMinutes: '30' }), as: 'admin', status: 400, code: 'request.invalid' },
  { name: 'a rating window of 5 seconds', method: 'PATCH', url: '/api/settings', body: json({ ratingWindowSeconds: 5 }), as: 'admin', status: 400, code: 'request.invalid' },
  {
    name: 'a settings patch with an unknown rule',
    method: 'PATCH',
    url: '/api/settings',
    body: json({ ratingWindowSeconds: 60, pauseReasons: ['x'] }),
    as: 'admin',
    status: 400,
    code: 'request.invalid',
  },
  { name: 'an audit page of 0', method: 'GET', url: '/api/audit?limit=0', as: 'technician', status: 400, code: 'request.invalid' },
  { name: 'an audit cursor that is not an id', method: 'GET', url: `/api/audit?before=${encodeURIComponent('1 OR 1=1')}`, as: 'technician', status: 400, code: 'request.invalid' },
];

describe('bad input', () => {
  let hub: TestHub;
  /** The audit log as the test centre's set-up left it. */
  let audited: unknown;
  beforeAll(async () => {
    hub = await createTestHub();
    audited = hub.ctx.db.prepare('SELECT * FROM audit_log').all();
  });
  afterAll(() => hub.close());

  for (const c of CASES) {
    it(`${c.name}: ${c.status} ${c.code}`, async () => {
      const who = c.as ?? 'staff';
      const reply = await hub.app.inject({
        method: c.method ?? 'POST',
        url: c.url,
        headers: {
          ...(who === 'nobody' ? {} : bearer(hub.tokens[who])),
          ...(c.body !== undefined ? { 'content-type': c.contentType ?? 'application/json' } : {}),
          ...c.headers,
        },
        payload: c.body,
      });
      expect(reply.statusCode, reply.body).toBe(c.status);
      const body = reply.json<{ error: { code: string; message: string } }>();
      expect(body.error.code).toBe(c.code);
      expect(body.error.message.length).toBeGreaterThan(5);
    });
  }

  it('is still serving afterwards, with nothing written by the bad requests', async () => {
    expect((await hub.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect(hub.ctx.db.prepare('SELECT count(*) AS n FROM tickets').get()).toEqual({ n: 0 });
    expect(hub.ctx.db.prepare('SELECT count(*) AS n FROM counter_pauses').get()).toEqual({ n: 0 });
    expect(hub.ctx.db.prepare('SELECT count(*) AS n FROM ticket_ratings').get()).toEqual({ n: 0 });
    // applications.digest_key is made when the hub starts, not by a request.
    expect(hub.ctx.db.prepare("SELECT count(*) AS n FROM settings WHERE key NOT IN ('business_day', 'applications.digest_key')").get()).toEqual({ n: 0 });
    // Only the refused sign-in is recorded, with the name tried as it was typed.
    const added = hub.ctx.db.prepare('SELECT action, details FROM audit_log WHERE id > ?').all((audited as { id: number }[]).at(-1)?.id ?? 0);
    expect(added).toEqual([{ action: 'user.login_failed', details: JSON.stringify({ username: "admin' OR '1'='1", method: 'password', address: '127.0.0.1', reason: 'unknown_user' }) }]);
    expect(hub.ctx.db.prepare('SELECT * FROM audit_log WHERE id <= ?').all((audited as { id: number }[]).at(-1)?.id ?? 0)).toEqual(audited);
    expect(hub.ctx.queueStore.listCounters().map((counter) => counter.status)).toEqual(['open', 'open', 'open']);
    const ok = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: 1 } });
    expect(ok.statusCode).toBe(201);
    expect(hub.ctx.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'tickets'").get()).toEqual({ n: 1 });
  });

  it('says what is wrong in terms a technician can act on', async () => {
    const reply = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: 1, counter: 2 } });
    expect(reply.json().error.message).toBe('body has an unknown field "counter"');
    const missing = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: {} });
    expect(missing.json().error.message).toBe('body is missing the field "serviceId"');
    const priority = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: 1, priority: 'vip' } });
    expect(priority.json().error.message).toBe('body.priority must be one of: normal, elderly, disabled, pregnant, child');
  });
});
