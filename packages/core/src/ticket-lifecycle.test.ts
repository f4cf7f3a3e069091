import { describe, expect, it } from 'vitest';
import { applyChange, canApply, TICKET_ACTIONS, type TicketAction } from './ticket-lifecycle.js';
import { TICKET_STATUSES, type Ticket, type TicketStatus } from './types.js';

const base: Ticket = {
  id: 1,
  label: 'A001',
  number: 1,
  serviceId: 1,
  issueServiceId: 1,
  priority: 'elderly',
  status: 'waiting',
  counterId: null,
  businessDay: '2026-11-27',
  issuedAt: '2026-11-27T01:00:00.000Z',
  calledAt: null,
  startedAt: null,
  finishedAt: null,
  recallCount: 0,
  transferCount: 0,
  servedBy: null,
};
const AT = '2026-11-27T02:00:00.000Z';

/** The whole table: which action is allowed from which status. */
const ALLOWED: Record<TicketAction, TicketStatus[]> = {
  call: ['waiting'],
  recall: ['called'],
  start: ['called'],
  finish: ['called', 'serving'],
  no_show: ['called'],
  cancel: ['waiting', 'called'],
  transfer: ['waiting', 'called', 'serving'],
  requeue: ['no_show'],
};

describe('ticket lifecycle', () => {
  it.each(TICKET_ACTIONS.flatMap((action) => TICKET_STATUSES.map((status) => [action, status] as const)))('%s from %s is allowed only where the table says', (action, status) => {
    const allowed = ALLOWED[action].includes(status);
    expect(canApply({ status }, action)).toBe(allowed);
    const change = action === 'call' ? { action, counterId: 2 } : action === 'transfer' ? { action, serviceId: 2 } : { action };
    const run = () => applyChange({ ...base, status, counterId: status === 'waiting' ? null : 2 }, change as never, AT);
    if (allowed) expect(run).not.toThrow();
    else expect(run).toThrowError(expect.objectContaining({ code: 'ticket.wrong_state' }));
  });

  it('goes waiting → called → serving → done, stamping each step', () => {
    const called = applyChange(base, { action: 'call', counterId: 3 }, AT);
    expect(called).toMatchObject({ status: 'called', counterId: 3, calledAt: AT });
    const serving = applyChange(called, { action: 'start' }, '2026-11-27T02:01:00.000Z');
    expect(serving).toMatchObject({ status: 'serving', startedAt: '2026-11-27T02:01:00.000Z' });
    const done = applyChange(serving, { action: 'finish' }, '2026-11-27T02:09:00.000Z');
    expect(done).toMatchObject({ status: 'done', finishedAt: '2026-11-27T02:09:00.000Z', counterId: 3 });
  });

  it('counts recalls and keeps the first call time', () => {
    const called = applyChange(base, { action: 'call', counterId: 3 }, AT);
    const twice = applyChange(applyChange(called, { action: 'recall' }, '2026-11-27T02:01:00.000Z'), { action: 'recall' }, '2026-11-27T02:02:00.000Z');
    expect(twice).toMatchObject({ status: 'called', recallCount: 2, calledAt: AT });
  });

  it('transfer puts the ticket back in a queue with its issue time and priority', () => {
    const serving = applyChange(applyChange(base, { action: 'call', counterId: 3 }, AT), { action: 'start' }, AT);
    const moved = applyChange(serving, { action: 'transfer', serviceId: 5 }, '2026-11-27T03:00:00.000Z');
    expect(moved).toMatchObject({
      status: 'waiting',
      serviceId: 5,
      issueServiceId: 1,
      counterId: null,
      calledAt: null,
      startedAt: null,
      issuedAt: base.issuedAt,
      priority: 'elderly',
      label: 'A001',
      transferCount: 1,
    });
  });

  it('requeue puts a no-show back in its queue with its issue time, priority and recalls, its call taken back', () => {
    const called = applyChange(applyChange(base, { action: 'call', counterId: 3 }, AT), { action: 'recall' }, AT);
    const absent = applyChange(called, { action: 'no_show' }, '2026-11-27T02:05:00.000Z');
    expect(absent).toMatchObject({ status: 'no_show', finishedAt: '2026-11-27T02:05:00.000Z', counterId: 3 });
    expect(applyChange(absent, { action: 'requeue' }, '2026-11-27T02:10:00.000Z')).toEqual({ ...base, recallCount: 1 });
  });

  it('keeps who served it: the caller, overwritten by a user who starts or finishes it, kept by a station, cleared when it waits again', () => {
    const called = applyChange(base, { action: 'call', counterId: 3, servedBy: 7 }, AT);
    expect(called.servedBy).toBe(7);
    expect(applyChange(called, { action: 'start', servedBy: null }, AT).servedBy).toBe(7);
    const started = applyChange(called, { action: 'start', servedBy: 8 }, AT);
    expect(started.servedBy).toBe(8);
    expect(applyChange(started, { action: 'finish', servedBy: 9 }, AT).servedBy).toBe(9);
    expect(applyChange(started, { action: 'finish' }, AT).servedBy).toBe(8);
    expect(applyChange(base, { action: 'call', counterId: 3 }, AT).servedBy).toBeNull();
    expect(applyChange(started, { action: 'transfer', serviceId: 5 }, AT).servedBy).toBeNull();
    expect(applyChange(applyChange(called, { action: 'no_show' }, AT), { action: 'requeue' }, AT).servedBy).toBeNull();
  });

  it('refuses to transfer a waiting ticket to the service it already waits for', () => {
    expect(() => applyChange(base, { action: 'transfer', serviceId: 1 }, AT)).toThrowError(expect.objectContaining({ code: 'ticket.same_service' }));
  });
});
