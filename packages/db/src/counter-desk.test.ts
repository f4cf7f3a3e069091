import { type AuditActor, type AuditEntry, SYSTEM_ACTOR } from '@qms/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineOnSqlite, type EngineOnSqlite } from '../../../tests/support/engine-on-sqlite.js';

const CLERK: AuditActor = { type: 'user', id: 7, name: 'Nguyễn Thị Lan' };
const STATION: AuditActor = { type: 'device', id: 3, name: 'Quầy 1 (máy)' };

/** The counter's calls out of order, the no-show rules and the pauses, through the engine on SQLite with a fake clock. */
describe('counter desk on SQLite', () => {
  let h: EngineOnSqlite;
  beforeEach(async () => {
    h = await engineOnSqlite();
  });
  afterEach(() => h.close());

  const issue = (serviceId = h.centre.a.id, priority: 'normal' | 'elderly' = 'normal') => h.engine.issue({ serviceId, priority, issuedBy: 'device:1' }).value.ticket;
  const audit = (): AuditEntry[] => h.store.audit.list({ limit: 100 });
  /** Everything a refused change must leave as it was. */
  const footprint = () => ({
    seq: h.store.lastSeq(),
    audit: audit().length,
    tickets: h.db.prepare('SELECT * FROM tickets ORDER BY id').all(),
    pauses: h.db.prepare('SELECT * FROM counter_pauses').all(),
  });

  describe('call-ticket', () => {
    it('calls the ticket with that label out of order, finishing the one the counter holds, and records who did it', () => {
      const a1 = issue();
      h.clock.advanceMinutes(1);
      const a2 = issue();
      h.clock.advanceMinutes(1);
      const a3 = issue();
      h.engine.callNext(h.centre.counter1.id);
      const outcome = h.engine.callTicket(h.centre.counter1.id, 'A003', { by: CLERK });
      expect(outcome.value).toMatchObject({ id: a3.id, status: 'called', counterId: h.centre.counter1.id, calledAt: h.clock.now().toISOString() });
      expect(outcome.events.map((event) => event.type)).toEqual(['ticket.finished', 'ticket.called']);
      expect(outcome.events[1]).toMatchObject({ counterId: h.centre.counter1.id, queues: [{ serviceId: h.centre.a.id, waiting: 1 }, { serviceId: h.centre.b.id }, { serviceId: h.centre.c.id }] });
      expect(h.store.getTicket(a1.id)?.status).toBe('done');
      expect(audit()).toEqual([
        {
          id: expect.any(Number),
          at: h.clock.now().toISOString(),
          actor: CLERK,
          action: 'ticket.called_out_of_order',
          ticketId: a3.id,
          counterId: h.centre.counter1.id,
          details: { label: 'A003', serviceId: h.centre.a.id, from: 'waiting' },
        },
      ]);
      // The queue's own order goes on with the one skipped.
      expect(h.engine.callNext(h.centre.counter1.id).value?.id).toBe(a2.id);
    });

    it('calls a ticket of a service the counter does not serve (a citizen at the wrong counter)', () => {
      const c1 = issue(h.centre.c.id);
      expect(h.engine.callTicket(h.centre.counter2.id, c1.label).value).toMatchObject({ id: c1.id, counterId: h.centre.counter2.id });
    });

    it('refuses, writing nothing: an unknown label, a ticket not waiting, a paused counter, another counter', () => {
      const a1 = issue();
      issue();
      h.engine.callNext(h.centre.counter1.id); // counter 1 holds A001
      const before = footprint();
      const refusals: [() => unknown, string][] = [
        [() => h.engine.callTicket(h.centre.counter1.id, 'A404'), 'ticket.not_found'],
        [() => h.engine.callTicket(h.centre.counter3.id, 'A001'), 'ticket.wrong_state'],
        [() => h.engine.callTicket(h.centre.counter1.id, 'A001'), 'ticket.wrong_state'],
        [() => h.engine.callTicket(h.centre.counter1.id, 'A002', { counterId: h.centre.counter3.id }), 'counter.not_yours'],
        [() => h.engine.callTicket(999, 'A002'), 'counter.not_found'],
      ];
      for (const [refused, code] of refusals) expect(refused).toThrowError(expect.objectContaining({ code }));
      expect(footprint()).toEqual(before);
      h.engine.setCounterStatus(h.centre.counter3.id, 'paused');
      const paused = footprint();
      expect(() => h.engine.callTicket(h.centre.counter3.id, 'A002')).toThrowError(expect.objectContaining({ code: 'counter.paused' }));
      expect(footprint()).toEqual(paused);
      expect(h.store.getTicket(a1.id)?.status).toBe('called');
    });

    it('finds only a ticket of today: a waiting ticket kept from yesterday is not called by its label', () => {
      h.settings = { ...h.settings, unservedAtClose: 'keep' };
      issue();
      h.clock.set('2026-11-28T01:00:00.000Z');
      expect(() => h.engine.callTicket(h.centre.counter1.id, 'A001')).toThrowError(expect.objectContaining({ code: 'ticket.not_found' }));
      const today = issue();
      expect(h.engine.callTicket(h.centre.counter1.id, 'A001').value.id).toBe(today.id);
    });

    it('calls back a no-show within noShowRecallMinutes, not after', () => {
      h.settings = { ...h.settings, noShow: { minRecalls: 0, requeueMinutes: 30 } };
      const a1 = issue();
      const a2 = issue();
      h.engine.callNext(h.centre.counter1.id);
      h.engine.noShow(a1.id);
      h.engine.callNext(h.centre.counter1.id);
      h.engine.noShow(a2.id);
      h.clock.advanceMinutes(30);
      const back = h.engine.callTicket(h.centre.counter3.id, 'A001', { by: STATION });
      expect(back.value).toMatchObject({ id: a1.id, status: 'called', counterId: h.centre.counter3.id, finishedAt: null, calledAt: h.clock.now().toISOString() });
      expect(audit()[0]).toMatchObject({ action: 'ticket.called_out_of_order', actor: STATION, details: { from: 'no_show' } });
      h.clock.advance(1_000);
      expect(() => h.engine.callTicket(h.centre.counter2.id, 'A002')).toThrowError(expect.objectContaining({ code: 'ticket.wrong_state', details: { status: 'no_show', action: 'call' } }));
    });
  });

  describe('no-show rules', () => {
    it('refuse a no-show until the ticket was recalled minRecallsBeforeNoShow times', () => {
      h.settings = { ...h.settings, noShow: { minRecalls: 2, requeueMinutes: 30 } };
      const a1 = issue();
      h.engine.callNext(h.centre.counter1.id);
      expect(() => h.engine.noShow(a1.id)).toThrowError(expect.objectContaining({ code: 'ticket.recall_first', details: { recallCount: 0, minRecalls: 2 } }));
      h.engine.recall(a1.id);
      const before = footprint();
      expect(() => h.engine.noShow(a1.id)).toThrowError(expect.objectContaining({ code: 'ticket.recall_first' }));
      expect(footprint()).toEqual(before);
      h.engine.recall(a1.id);
      expect(h.engine.noShow(a1.id).value).toMatchObject({ status: 'no_show', recallCount: 2 });
    });

    it('keep refusing a no-show of a ticket being served as a wrong state, whatever the recalls', () => {
      h.settings = { ...h.settings, noShow: { minRecalls: 3, requeueMinutes: 30 } };
      const a1 = issue();
      h.engine.callNext(h.centre.counter1.id);
      h.engine.start(a1.id);
      expect(() => h.engine.noShow(a1.id)).toThrowError(expect.objectContaining({ code: 'ticket.wrong_state' }));
    });

    it('put a no-show back in its queue within the window, keeping its issue time and priority, so it goes before later tickets', () => {
      const early = issue(h.centre.a.id, 'elderly');
      h.clock.advanceMinutes(5);
      const later = issue(h.centre.a.id, 'elderly');
      h.engine.callNext(h.centre.counter1.id);
      h.engine.recall(early.id);
      h.engine.noShow(early.id);
      h.clock.advanceMinutes(29);
      const outcome = h.engine.requeue(early.id, { by: CLERK });
      expect(outcome.value).toEqual({ ...early, recallCount: 1 });
      expect(outcome.events).toEqual([
        {
          seq: expect.any(Number),
          type: 'ticket.requeued',
          at: h.clock.now().toISOString(),
          ticket: outcome.value,
          counterId: h.centre.counter1.id,
          queues: [expect.objectContaining({ serviceId: h.centre.a.id, waiting: 2 }), expect.objectContaining({ serviceId: h.centre.b.id }), expect.objectContaining({ serviceId: h.centre.c.id })],
        },
      ]);
      expect(audit()[0]).toEqual({
        id: expect.any(Number),
        at: h.clock.now().toISOString(),
        actor: CLERK,
        action: 'ticket.requeued',
        ticketId: early.id,
        counterId: h.centre.counter1.id,
        details: { label: early.label, noShowAt: '2026-11-27T01:05:00.000Z' },
      });
      expect(h.engine.callNext(h.centre.counter3.id).value?.id).toBe(early.id);
      expect(h.engine.callNext(h.centre.counter3.id).value?.id).toBe(later.id);
    });

    it('refuse to requeue after noShowRecallMinutes, a ticket that is not a no-show, or another counter’s no-show for a counter station', () => {
      h.settings = { ...h.settings, noShow: { minRecalls: 0, requeueMinutes: 10 } };
      const a1 = issue();
      const a2 = issue();
      h.engine.callNext(h.centre.counter1.id);
      h.engine.noShow(a1.id);
      expect(() => h.engine.requeue(a2.id)).toThrowError(expect.objectContaining({ code: 'ticket.wrong_state' }));
      expect(() => h.engine.requeue(a1.id, { counterId: h.centre.counter3.id })).toThrowError(expect.objectContaining({ code: 'counter.not_yours' }));
      h.clock.advanceMinutes(10);
      h.clock.advance(1);
      const before = footprint();
      expect(() => h.engine.requeue(a1.id, { counterId: h.centre.counter1.id })).toThrowError(expect.objectContaining({ code: 'ticket.requeue_closed', details: { requeueMinutes: 10 } }));
      expect(footprint()).toEqual(before);
    });

    it('refuse to requeue a no-show of an earlier business day, even within the minutes', () => {
      h.clock.set('2026-11-27T16:50:00.000Z'); // 23:50 in Hanoi
      const late = issue();
      h.engine.callNext(h.centre.counter1.id);
      h.engine.noShow(late.id);
      h.clock.set('2026-11-27T17:05:00.000Z'); // 00:05 on the 28th
      expect(() => h.engine.requeue(late.id)).toThrowError(expect.objectContaining({ code: 'ticket.requeue_closed' }));
    });
  });

  describe('pauses', () => {
    const pauses = () => h.db.prepare('SELECT counter_id AS counterId, reason, started_at AS startedAt, ended_at AS endedAt FROM counter_pauses ORDER BY id').all();

    it('keep when each pause started and ended and why; the counter and its events carry the reason', () => {
      const id = h.centre.counter1.id;
      const paused = h.engine.setCounterStatus(id, 'paused', { by: CLERK }, 'break');
      expect(paused.value).toMatchObject({ status: 'paused', pauseReason: 'break' });
      expect(paused.events[0]).toMatchObject({ type: 'counter.paused', counter: { id, status: 'paused', pauseReason: 'break' } });
      expect(h.store.getCounter(id)?.pauseReason).toBe('break');
      h.clock.advanceMinutes(15);
      // Another reason starts another pause; no reason on a paused counter changes nothing.
      expect(h.engine.setCounterStatus(id, 'paused', {}, 'meeting').events[0]).toMatchObject({ counter: { pauseReason: 'meeting' } });
      expect(h.engine.setCounterStatus(id, 'paused', {}, null).events).toEqual([]);
      expect(h.engine.setCounterStatus(id, 'paused', {}, 'meeting').events).toEqual([]);
      h.clock.advanceMinutes(45);
      const opened = h.engine.setCounterStatus(id, 'open', { by: STATION });
      expect(opened.value).toMatchObject({ status: 'open', pauseReason: null });
      expect(opened.events[0]).toMatchObject({ type: 'counter.opened', counter: { status: 'open', pauseReason: null } });
      expect(h.engine.setCounterStatus(id, 'open').events).toEqual([]);
      h.engine.setCounterStatus(id, 'paused');
      expect(pauses()).toEqual([
        { counterId: id, reason: 'break', startedAt: '2026-11-27T01:00:00.000Z', endedAt: '2026-11-27T01:15:00.000Z' },
        { counterId: id, reason: 'meeting', startedAt: '2026-11-27T01:15:00.000Z', endedAt: '2026-11-27T02:00:00.000Z' },
        { counterId: id, reason: null, startedAt: '2026-11-27T02:00:00.000Z', endedAt: null },
      ]);
      expect(audit().map((entry) => [entry.action, entry.actor.name, entry.details.reason])).toEqual([
        ['counter.paused', SYSTEM_ACTOR.name, null],
        ['counter.resumed', STATION.name, 'meeting'],
        ['counter.paused', SYSTEM_ACTOR.name, 'meeting'],
        ['counter.paused', CLERK.name, 'break'],
      ]);
    });

    it('count a counter configured as paused as a pause without a reason, ended when it is opened', () => {
      const counter = h.config.createCounter({ number: 9, name: 'Quầy 9', serviceIds: [h.centre.a.id], status: 'paused' });
      expect(counter).toMatchObject({ status: 'paused', pauseReason: null });
      h.clock.advanceMinutes(5);
      h.config.updateCounter(counter.id, { status: 'open' });
      expect(pauses()).toEqual([{ counterId: counter.id, reason: null, startedAt: '2026-11-27T01:00:00.000Z', endedAt: '2026-11-27T01:05:00.000Z' }]);
    });
  });
});
