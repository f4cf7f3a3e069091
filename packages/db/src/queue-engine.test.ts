import { join } from 'node:path';
import { defaultEngineSettings, type EngineSettings, FakeClock, QueueEngine } from '@qms/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedSmallCentre, serviceInput, type SmallCentre } from '../../../tests/support/centre.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { SqliteConfigStore } from './config-store.js';
import { type Db, openDatabase } from './database.js';
import { SqliteQueueStore } from './queue-store.js';

/** The queue engine on a real SQLite file with a fake clock: the rules as they run in the hub. */
describe('queue engine on SQLite', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Db;
  let store: SqliteQueueStore;
  let clock: FakeClock;
  let settings: EngineSettings;
  let engine: QueueEngine;
  let centre: SmallCentre;

  function open() {
    db = openDatabase(join(dir.path, 'qms.db'));
    store = new SqliteQueueStore(db);
    engine = new QueueEngine(store, clock, () => settings);
  }

  beforeEach(async () => {
    dir = tempDir();
    // Friday 27 Nov 2026, 08:00 in Hanoi
    clock = new FakeClock('2026-11-27T01:00:00.000Z');
    settings = defaultEngineSettings('Asia/Ho_Chi_Minh');
    open();
    centre = await seedSmallCentre(new SqliteConfigStore(db, store));
  });

  afterEach(() => {
    if (db.open) db.close();
    dir.cleanup();
  });

  const issue = (serviceId: number, priority: 'normal' | 'elderly' = 'normal', key?: string) => engine.issue({ serviceId, priority, issuedBy: 'device:1', idempotencyKey: key ?? null });

  it('numbers each service separately: A001, A002, B001', () => {
    expect(issue(centre.a.id).value.ticket.label).toBe('A001');
    expect(issue(centre.a.id).value.ticket.label).toBe('A002');
    expect(issue(centre.b.id).value.ticket.label).toBe('B001');
  });

  it('starts again at 1 on the next business day in the centre time zone, and cancels the unserved', () => {
    clock.set('2026-11-27T16:59:00.000Z'); // 23:59 in Hanoi
    const late = issue(centre.a.id).value.ticket;
    expect(late).toMatchObject({ label: 'A001', businessDay: '2026-11-27' });
    expect(issue(centre.a.id).value.ticket.label).toBe('A002');

    clock.set('2026-11-27T17:00:00.000Z'); // 00:00 on the 28th in Hanoi, still the 27th in UTC
    const next = issue(centre.a.id);
    expect(next.value.ticket).toMatchObject({ label: 'A001', businessDay: '2026-11-28' });
    expect(next.events.map((event) => event.type)).toEqual(['day.closed', 'ticket.issued']);
    expect(next.events[0]).toMatchObject({ businessDay: '2026-11-27', cancelled: 2 });
    expect(store.getTicket(late.id)?.status).toBe('cancelled');
  });

  it('keeps yesterday unserved tickets waiting when configured to', () => {
    settings = { ...settings, unservedAtClose: 'keep' };
    const yesterday = issue(centre.a.id).value.ticket;
    clock.set('2026-11-28T01:00:00.000Z');
    const today = issue(centre.a.id).value.ticket;
    expect(today.label).toBe('A001');
    expect(store.getTicket(yesterday.id)?.status).toBe('waiting');
    // The older ticket is served first, and both are listed today.
    expect(engine.callNext(centre.counter1.id).value?.id).toBe(yesterday.id);
    expect(store.listTickets({ businessDay: '2026-11-28' }).map((t) => t.id)).toEqual([yesterday.id, today.id]);
  });

  it('applies a missed rollover at the first change after a restart', () => {
    issue(centre.a.id);
    db.close();
    clock.set('2026-11-29T01:00:00.000Z'); // the hub was off for two days
    open();
    const outcome = issue(centre.b.id);
    expect(outcome.events[0]).toMatchObject({ type: 'day.closed', businessDay: '2026-11-27', cancelled: 1 });
  });

  it('refuses to issue past the range end, with no wrap-around duplicate', () => {
    for (const label of ['C1', 'C2', 'C3']) expect(issue(centre.c.id).value.ticket.label).toBe(label);
    expect(() => issue(centre.c.id)).toThrowError(expect.objectContaining({ code: 'service.range_exhausted' }));
    expect(store.listTickets({ businessDay: '2026-11-27', serviceId: centre.c.id })).toHaveLength(3);
  });

  it('continues numbering after the database is closed and reopened', () => {
    issue(centre.a.id);
    issue(centre.a.id);
    db.close();
    open();
    expect(issue(centre.a.id).value.ticket.label).toBe('A003');
  });

  it('refuses a closed or switched-off service', () => {
    const config = new SqliteConfigStore(db, store);
    config.updateService(centre.b.id, { openingHours: [{ days: [1, 2, 3, 4, 5], open: '13:30', close: '17:00' }] });
    expect(() => issue(centre.b.id)).toThrowError(expect.objectContaining({ code: 'service.closed', message: expect.stringMatching(/08:00.*Mon-Fri 13:30-17:00/) }));
    config.updateService(centre.a.id, { active: false });
    expect(() => issue(centre.a.id)).toThrowError(expect.objectContaining({ code: 'service.inactive' }));
  });

  it('returns the same ticket for a repeated idempotency key', () => {
    const first = issue(centre.a.id, 'normal', 'press-0001');
    const again = issue(centre.a.id, 'normal', 'press-0001');
    expect(again.value.replayed).toBe(true);
    expect(again.value.ticket.id).toBe(first.value.ticket.id);
    expect(again.events).toEqual([]);
    // The key belongs to its caller: another station's same key is another press.
    expect(engine.issue({ serviceId: centre.a.id, issuedBy: 'device:2', idempotencyKey: 'press-0001' }).value.ticket.label).toBe('A002');
  });

  it('tells the people ahead and the estimated wait', () => {
    issue(centre.a.id);
    issue(centre.a.id);
    const third = issue(centre.a.id).value;
    // Counters 1 and 3 serve A, nobody waits in their other fields: (2 ahead + 0.5) / 2 counters × (300 s + a 45 s walk).
    expect(third).toMatchObject({ ahead: 2, estimatedWaitSeconds: 431 });
    // The promise is kept with the ticket for the reports.
    expect(db.prepare('SELECT estimated_wait_seconds AS e FROM tickets WHERE id = ?').get(third.ticket.id)).toEqual({ e: 431 });
    const elderly = issue(centre.a.id, 'elderly').value;
    expect(elderly.ahead).toBe(0);
  });

  it('calls priority first, then the longest wait, and finishes the held ticket on the next call', () => {
    const a1 = issue(centre.a.id).value.ticket;
    clock.advanceMinutes(1);
    const b1 = issue(centre.b.id).value.ticket;
    clock.advanceMinutes(1);
    const a2 = issue(centre.a.id, 'elderly').value.ticket;

    const first = engine.callNext(centre.counter1.id);
    expect(first.value).toMatchObject({ id: a2.id, status: 'called', counterId: centre.counter1.id });
    expect(first.events.map((e) => e.type)).toEqual(['ticket.called']);

    const second = engine.callNext(centre.counter1.id);
    expect(second.value?.id).toBe(a1.id);
    expect(second.events.map((e) => e.type)).toEqual(['ticket.finished', 'ticket.called']);
    expect(store.getTicket(a2.id)?.status).toBe('done');

    expect(engine.callNext(centre.counter1.id).value?.id).toBe(b1.id);
    expect(engine.callNext(centre.counter1.id).value).toBeNull();
  });

  it('promotes a normal ticket that waited past the maximum', () => {
    settings = { ...settings, rules: { maxWaitSeconds: 10 * 60 } };
    const old = issue(centre.a.id).value.ticket;
    clock.advanceMinutes(11);
    issue(centre.a.id, 'elderly');
    expect(engine.callNext(centre.counter1.id).value?.id).toBe(old.id);
  });

  it('never lets two counters hold one ticket, nor one counter two tickets', () => {
    const only = issue(centre.b.id).value.ticket;
    expect(engine.callNext(centre.counter1.id).value?.id).toBe(only.id);
    expect(engine.callNext(centre.counter2.id).value).toBeNull();
    // The database itself refuses a second active ticket at a counter.
    const other = issue(centre.b.id).value.ticket;
    expect(() => db.prepare("UPDATE tickets SET status = 'called', counter_id = ? WHERE id = ?").run(centre.counter1.id, other.id)).toThrow(/UNIQUE/);
  });

  it('does nothing at a paused counter', () => {
    issue(centre.a.id);
    engine.setCounterStatus(centre.counter1.id, 'paused');
    expect(() => engine.callNext(centre.counter1.id)).toThrowError(expect.objectContaining({ code: 'counter.paused' }));
    expect(engine.setCounterStatus(centre.counter1.id, 'open').events[0]?.type).toBe('counter.opened');
    expect(engine.callNext(centre.counter1.id).value?.label).toBe('A001');
  });

  it('limits a counter station to its own counter', () => {
    const ticket = issue(centre.a.id).value.ticket;
    expect(() => engine.callNext(centre.counter1.id, { counterId: centre.counter3.id })).toThrowError(expect.objectContaining({ code: 'counter.not_yours' }));
    engine.callNext(centre.counter1.id, { counterId: centre.counter1.id });
    expect(() => engine.finish(ticket.id, { counterId: centre.counter3.id })).toThrowError(expect.objectContaining({ code: 'counter.not_yours' }));
    expect(engine.finish(ticket.id, { counterId: centre.counter1.id }).value.status).toBe('done');
  });

  it('recall, start, finish, no-show and cancel follow the lifecycle and emit their events', () => {
    const t1 = issue(centre.a.id).value.ticket;
    engine.callNext(centre.counter1.id);
    expect(engine.recall(t1.id).value.recallCount).toBe(1);
    expect(engine.recall(t1.id).events[0]).toMatchObject({ type: 'ticket.recalled', counterId: centre.counter1.id });
    expect(engine.start(t1.id).value.status).toBe('serving');
    expect(() => engine.noShow(t1.id)).toThrowError(expect.objectContaining({ code: 'ticket.wrong_state' }));
    expect(engine.finish(t1.id).value.status).toBe('done');

    const t2 = issue(centre.a.id).value.ticket;
    engine.callNext(centre.counter1.id);
    expect(engine.noShow(t2.id).value.status).toBe('no_show');
    const t3 = issue(centre.a.id).value.ticket;
    const cancelled = engine.cancel(t3.id);
    expect(cancelled.value.status).toBe('cancelled');
    // The queues: A, then B and C, which share a counter with A (their estimates depend on A's count).
    expect(cancelled.events[0]).toMatchObject({ type: 'ticket.cancelled', queues: [{ serviceId: centre.a.id, waiting: 0 }, { serviceId: centre.b.id }, { serviceId: centre.c.id }] });
    expect(() => engine.recall(999)).toThrowError(expect.objectContaining({ code: 'ticket.not_found' }));
  });

  it('transfers keep the original issue time, so the citizen keeps their place', () => {
    const early = issue(centre.a.id).value.ticket;
    clock.advanceMinutes(5);
    const laterB = issue(centre.b.id).value.ticket;
    engine.callNext(centre.counter3.id); // counter 3 serves C then A: takes A001
    const moved = engine.transfer(early.id, centre.b.id);
    expect(moved.value).toMatchObject({ status: 'waiting', serviceId: centre.b.id, issuedAt: early.issuedAt, label: 'A001', counterId: null });
    expect(moved.events[0]).toMatchObject({ type: 'ticket.transferred', fromServiceId: centre.a.id, toServiceId: centre.b.id });
    expect(engine.callNext(centre.counter2.id).value?.id).toBe(early.id);
    expect(engine.callNext(centre.counter2.id).value?.id).toBe(laterB.id);
  });

  it('gives events increasing seq numbers that survive a restart and pruning', () => {
    const seqs = [issue(centre.a.id), issue(centre.a.id), engine.callNext(centre.counter1.id)].flatMap((o) => o.events.map((e) => e.seq));
    expect(seqs).toEqual([1, 2, 3]);
    store.events.pruneKeeping(1);
    expect(store.events.oldestSeq()).toBe(3);
    db.close();
    open();
    expect(issue(centre.a.id).events[0]?.seq).toBe(4);
    expect(store.events.messagesSince(2, 10).map((m) => JSON.parse(m).seq)).toEqual([3, 4]);
  });

  it('stores the event message exactly as published', () => {
    const outcome = issue(centre.a.id);
    const [message] = store.events.messagesSince(0, 1);
    expect(message).toBe(JSON.stringify(outcome.events[0]));
  });

  it('gives a snapshot at one seq', () => {
    issue(centre.a.id);
    issue(centre.b.id, 'elderly');
    engine.callNext(centre.counter2.id);
    const snapshot = engine.snapshot();
    expect(snapshot.seq).toBe(3);
    expect(snapshot.businessDay).toBe('2026-11-27');
    expect(snapshot.services.map((s) => [s.service.prefix, s.waiting])).toEqual([
      ['A', 1],
      ['B', 0],
      ['C', 0],
    ]);
    expect(snapshot.counters.find((c) => c.counter.id === centre.counter2.id)?.ticket?.label).toBe('B001');
    expect(snapshot.recentCalls.map((t) => t.label)).toEqual(['B001']);
  });

  it('puts in every ticket and counter event the waiting count and estimate of the services it touches, as the snapshot gives them', () => {
    const inSnapshot = (serviceIds: number[]) =>
      serviceIds.map((serviceId) => {
        const state = engine.snapshot().services.find((s) => s.service.id === serviceId);
        return { serviceId, waiting: state?.waiting, estimatedWaitSeconds: state?.estimatedWaitSeconds };
      });
    const queuesOf = (outcome: { events: { type: string }[] }) => outcome.events.map((event) => ('queues' in event ? event.queues : 'none'));
    for (let i = 0; i < 6; i++) issue(centre.a.id);
    // Three clerk times (call → finish) of 2, 4 and 6 minutes: their mean (240 s) replaces the default 300 s + walk.
    for (const minutes of [2, 4, 6]) {
      const called = engine.callNext(centre.counter1.id);
      clock.advanceMinutes(minutes);
      const finished = engine.finish(called.value?.id ?? 0);
      // A, then the fields sharing an open counter with it: B (counter 1) and C (counter 3).
      expect(queuesOf(finished)).toEqual([inSnapshot([centre.a.id, centre.b.id, centre.c.id])]);
    }
    expect(inSnapshot([centre.a.id])).toEqual([{ serviceId: centre.a.id, waiting: 3, estimatedWaitSeconds: 420 }]);
    // Pausing counter 3 leaves counter 1 alone for A, and nobody for C.
    const paused = engine.setCounterStatus(centre.counter3.id, 'paused');
    expect(queuesOf(paused)).toEqual([inSnapshot([centre.c.id, centre.a.id, centre.b.id])]);
    expect(paused.events[0]).toMatchObject({ queues: [{ estimatedWaitSeconds: null }, { estimatedWaitSeconds: 840 }, { serviceId: centre.b.id }] });
    // call-next finishes the held ticket, then calls: each event carries its service as it stands after it.
    engine.callNext(centre.counter1.id);
    clock.advanceMinutes(1);
    const next = engine.callNext(centre.counter1.id);
    expect(next.events.map((event) => event.type)).toEqual(['ticket.finished', 'ticket.called']);
    expect(queuesOf(next).at(-1)).toEqual(inSnapshot([centre.a.id, centre.b.id]));
    const transferred = engine.transfer(next.value?.id ?? 0, centre.b.id);
    expect(queuesOf(transferred)).toEqual([inSnapshot([centre.a.id, centre.b.id])]);
  });
  it('validates configuration through the domain rules', () => {
    const config = new SqliteConfigStore(db, store);
    expect(() => config.createService(serviceInput('dat-dai', 'X'))).toThrowError(expect.objectContaining({ code: 'service.code_taken' }));
    expect(() => config.createService(serviceInput('new', 'AB'))).toThrowError(expect.objectContaining({ code: 'service.prefix_conflict' }));
    expect(() => config.createCounter({ number: 1, name: 'dup', serviceIds: [], status: 'open' })).toThrowError(expect.objectContaining({ code: 'counter.number_taken' }));
    expect(() => config.createCounter({ number: 9, name: 'x', serviceIds: [99], status: 'open' })).toThrowError(expect.objectContaining({ code: 'service.not_found' }));
    expect(config.updateCounter(centre.counter2.id, { serviceIds: [centre.c.id, centre.b.id] })?.serviceIds).toEqual([centre.c.id, centre.b.id]);
  });
});
