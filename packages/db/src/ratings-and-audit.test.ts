import type { AuditActor } from '@qms/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineOnSqlite, type EngineOnSqlite } from '../../../tests/support/engine-on-sqlite.js';

const CLERK: AuditActor = { type: 'user', id: 7, name: 'Trần Văn Bình' };

/** Ratings and the audit log through the engine on SQLite, with a fake clock. */
describe('ratings and the audit log on SQLite', () => {
  let h: EngineOnSqlite;
  beforeEach(async () => {
    h = await engineOnSqlite();
  });
  afterEach(() => h.close());

  const issue = (serviceId = h.centre.a.id) => h.engine.issue({ serviceId, issuedBy: 'device:1' }).value.ticket;
  /** A ticket called and finished at counter 1 now. */
  const served = () => {
    const ticket = issue();
    h.engine.callNext(h.centre.counter1.id);
    return h.engine.finish(ticket.id).value;
  };
  const ratings = () => h.db.prepare('SELECT ticket_id AS ticketId, score, levels, counter_id AS counterId, rated_at AS at FROM ticket_ratings ORDER BY ticket_id').all();

  describe('ratings', () => {
    it('takes one rating within 2 minutes of the finish, stored with its scale and counter, published as ticket.rated', () => {
      const ticket = served();
      h.clock.advance(120_000);
      const outcome = h.engine.ratings.rate(ticket.id, 4, { counterId: h.centre.counter1.id });
      const at = h.clock.now().toISOString();
      expect(outcome.value).toEqual({ ticket, rating: { score: 4, at } });
      expect(outcome.events).toEqual([
        {
          seq: expect.any(Number),
          type: 'ticket.rated',
          at,
          ticket,
          counterId: h.centre.counter1.id,
          rating: { score: 4, at },
          queues: [expect.objectContaining({ serviceId: h.centre.a.id, waiting: 0 }), expect.objectContaining({ serviceId: h.centre.b.id }), expect.objectContaining({ serviceId: h.centre.c.id })],
        },
      ]);
      expect(ratings()).toEqual([{ ticketId: ticket.id, score: 4, levels: 4, counterId: h.centre.counter1.id, at }]);
      expect(h.engine.ratings.ratingOf(ticket.id)).toEqual({ score: 4, at });
      expect(() => h.engine.ratings.rate(ticket.id, 1)).toThrowError(expect.objectContaining({ code: 'rating.already_given' }));
      expect(ratings()).toHaveLength(1);
    });

    it('closes 2 minutes after the finish (ratingWindowSeconds), refuses an unfinished ticket, a score off the scale, another counter', () => {
      const late = served();
      h.clock.advance(120_001);
      const seq = h.store.lastSeq();
      expect(() => h.engine.ratings.rate(late.id, 4)).toThrowError(expect.objectContaining({ code: 'rating.closed', details: { windowSeconds: 120 } }));
      const waiting = issue(h.centre.c.id); // a service counter 1 does not call
      expect(() => h.engine.ratings.rate(waiting.id, 4)).toThrowError(expect.objectContaining({ code: 'ticket.wrong_state' }));
      const fresh = served();
      expect(() => h.engine.ratings.rate(fresh.id, 5)).toThrowError(expect.objectContaining({ code: 'rating.invalid_score' }));
      expect(() => h.engine.ratings.rate(fresh.id, 0)).toThrowError(expect.objectContaining({ code: 'rating.invalid_score' }));
      expect(() => h.engine.ratings.rate(fresh.id, 3, { counterId: h.centre.counter2.id })).toThrowError(expect.objectContaining({ code: 'counter.not_yours' }));
      expect(() => h.engine.ratings.rate(4242, 3)).toThrowError(expect.objectContaining({ code: 'ticket.not_found' }));
      expect(ratings()).toEqual([]);
      expect(h.store.events.messagesSince(seq, 100).filter((message) => message.includes('"ticket.rated"'))).toEqual([]);
    });

    it('follows the configured window and scale: a 5-level scale takes 5, a 30 s window closes sooner', () => {
      h.settings = { ...h.settings, rating: { levels: 5, windowSeconds: 30 } };
      const first = served();
      h.clock.advance(30_000);
      expect(h.engine.ratings.rate(first.id, 5).value.rating.score).toBe(5);
      const second = served();
      h.clock.advance(31_000);
      expect(() => h.engine.ratings.rate(second.id, 5)).toThrowError(expect.objectContaining({ code: 'rating.closed' }));
      expect(ratings()).toEqual([expect.objectContaining({ ticketId: first.id, score: 5, levels: 5 })]);
    });
  });

  describe('audit log', () => {
    it('records transfers, cancellations, a closed day and configuration changes with who did them', () => {
      const a1 = issue();
      const a2 = issue();
      h.engine.callNext(h.centre.counter1.id);
      h.engine.transfer(a1.id, h.centre.b.id, { by: CLERK });
      h.engine.cancel(a2.id, { by: CLERK });
      h.engine.closeDay({ by: CLERK });
      const updated = h.engine.configure(
        'services',
        { by: CLERK },
        () => h.config.updateService(h.centre.b.id, { nameEn: 'Civil status' }),
        (service) => ({ action: 'service.updated', details: { serviceId: service.id } }),
      );
      expect(updated.events.map((event) => event.type)).toEqual(['config.changed']);
      expect(h.store.audit.list({ limit: 10 }).map(({ action, actor, ticketId, counterId, details }) => ({ action, actor, ticketId, counterId, details }))).toEqual([
        { action: 'service.updated', actor: CLERK, ticketId: null, counterId: null, details: { serviceId: h.centre.b.id } },
        { action: 'day.closed', actor: CLERK, ticketId: null, counterId: null, details: { businessDay: '2026-11-27', cancelled: 1 } },
        { action: 'ticket.cancelled', actor: CLERK, ticketId: a2.id, counterId: null, details: { label: 'A002', from: 'waiting' } },
        {
          action: 'ticket.transferred',
          actor: CLERK,
          ticketId: a1.id,
          counterId: h.centre.counter1.id,
          details: { label: 'A001', from: 'called', fromServiceId: h.centre.a.id, toServiceId: h.centre.b.id },
        },
      ]);
    });

    it('records nothing for a configuration write that changes nothing or is refused', () => {
      const seq = h.store.lastSeq();
      const none = h.engine.configure(
        'services',
        {},
        () => h.config.updateService(4242, { nameEn: 'x' }),
        () => ({ action: 'service.updated' }),
      );
      expect(none).toEqual({ value: undefined, events: [] });
      expect(() =>
        h.engine.configure(
          'counters',
          {},
          () => h.config.createCounter({ number: 1, name: 'dup', serviceIds: [], status: 'open' }),
          () => ({ action: 'counter.created' }),
        ),
      ).toThrowError(expect.objectContaining({ code: 'counter.number_taken' }));
      expect(h.store.audit.list({ limit: 10 })).toEqual([]);
      expect(h.store.lastSeq()).toBe(seq);
    });

    it('commits an entry together with its change: when either fails, neither is there', () => {
      const a1 = issue();
      const a2 = issue();
      const seq = h.store.lastSeq();
      // Real SQLite failures, on this connection only: the event log, then the audit log, refuse their insert.
      h.db.exec("CREATE TEMP TRIGGER no_events BEFORE INSERT ON main.events BEGIN SELECT RAISE(ABORT, 'event log refused'); END");
      expect(() => h.engine.cancel(a1.id, { by: CLERK })).toThrow(/event log refused/);
      h.db.exec('DROP TRIGGER temp.no_events');
      h.db.exec("CREATE TEMP TRIGGER no_audit BEFORE INSERT ON main.audit_log BEGIN SELECT RAISE(ABORT, 'audit log refused'); END");
      expect(() => h.engine.cancel(a2.id, { by: CLERK })).toThrow(/audit log refused/);
      expect(() => h.engine.setCounterStatus(h.centre.counter1.id, 'paused', { by: CLERK }, 'break')).toThrow(/audit log refused/);
      expect([h.store.getTicket(a1.id)?.status, h.store.getTicket(a2.id)?.status]).toEqual(['waiting', 'waiting']);
      expect(h.store.getCounter(h.centre.counter1.id)).toMatchObject({ status: 'open', pauseReason: null });
      expect(h.db.prepare('SELECT count(*) AS n FROM counter_pauses').get()).toEqual({ n: 0 });
      expect(h.store.lastSeq()).toBe(seq);
      h.db.exec('DROP TRIGGER temp.no_audit');
      expect(h.store.audit.list({ limit: 10 })).toEqual([]);
      expect(h.engine.cancel(a2.id, { by: CLERK }).value.status).toBe('cancelled');
      expect(h.store.audit.list({ limit: 10 }).map((entry) => entry.action)).toEqual(['ticket.cancelled']);
    });

    it('never holds a citizen’s identity', () => {
      const citizen = { name: 'NGUYỄN VĂN AN', idMasked: '079******912' };
      const ticket = h.engine.issue({ serviceId: h.centre.a.id, issuedBy: 'device:1', citizen }).value.ticket;
      h.engine.callTicket(h.centre.counter1.id, ticket.label, { by: CLERK });
      h.engine.noShow(ticket.id, { by: CLERK });
      h.engine.requeue(ticket.id, { by: CLERK });
      h.engine.transfer(ticket.id, h.centre.b.id, { by: CLERK });
      h.engine.cancel(ticket.id, { by: CLERK });
      const text = JSON.stringify(h.db.prepare('SELECT * FROM audit_log').all());
      expect(h.store.audit.list({ limit: 10 })).toHaveLength(4);
      for (const personal of ['NGUYỄN', 'VĂN AN', '079', '912']) expect(text).not.toContain(personal);
    });

    it('pages newest first by id', () => {
      for (let i = 0; i < 5; i++) h.engine.cancel(issue().id, { by: CLERK });
      const all = h.store.audit.list({ limit: 10 });
      expect(all.map((entry) => entry.details.label)).toEqual(['A005', 'A004', 'A003', 'A002', 'A001']);
      const first = h.store.audit.list({ limit: 2 });
      const second = h.store.audit.list({ limit: 2, before: first[1]?.id });
      expect([...first, ...second, ...h.store.audit.list({ limit: 2, before: second[1]?.id })]).toEqual(all);
    });
  });
});
