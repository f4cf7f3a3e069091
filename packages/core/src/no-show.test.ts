import { describe, expect, it } from 'vitest';
import { assertCallable, assertRecalledEnough, assertRequeueOpen, isRequeueOpen } from './no-show.js';
import type { Ticket } from './types.js';

const ticket = (changes: Partial<Ticket>): Ticket => ({
  id: 1,
  label: 'A001',
  number: 1,
  serviceId: 1,
  issueServiceId: 1,
  priority: 'normal',
  status: 'no_show',
  counterId: 2,
  businessDay: '2026-11-27',
  issuedAt: '2026-11-27T01:00:00.000Z',
  calledAt: '2026-11-27T01:10:00.000Z',
  startedAt: null,
  finishedAt: '2026-11-27T01:12:00.000Z',
  recallCount: 0,
  transferCount: 0,
  servedBy: null,
  ...changes,
});
const rules = { minRecalls: 2, requeueMinutes: 30 };
const after = (minutes: number) => new Date(Date.parse('2026-11-27T01:12:00.000Z') + minutes * 60_000);

describe('no-show rules', () => {
  it('want the number of recalls the rules ask for before a no-show', () => {
    expect(() => assertRecalledEnough(ticket({ status: 'called', recallCount: 1 }), rules)).toThrowError(expect.objectContaining({ code: 'ticket.recall_first' }));
    expect(() => assertRecalledEnough(ticket({ status: 'called', recallCount: 2 }), rules)).not.toThrow();
    expect(() => assertRecalledEnough(ticket({ status: 'called', recallCount: 0 }), { ...rules, minRecalls: 0 })).not.toThrow();
  });

  it('let a no-show come back within the minutes after it was marked, on its own day only', () => {
    expect(isRequeueOpen(ticket({}), after(30), '2026-11-27', rules)).toBe(true);
    expect(isRequeueOpen(ticket({}), after(30.01), '2026-11-27', rules)).toBe(false);
    expect(isRequeueOpen(ticket({}), after(1), '2026-11-28', rules)).toBe(false);
    expect(isRequeueOpen(ticket({ status: 'done' }), after(1), '2026-11-27', rules)).toBe(false);
    expect(isRequeueOpen(ticket({}), after(0), '2026-11-27', { ...rules, requeueMinutes: 0 })).toBe(false);
    expect(() => assertRequeueOpen(ticket({}), after(31), '2026-11-27', rules)).toThrowError(expect.objectContaining({ code: 'ticket.requeue_closed' }));
  });

  it('call out of order a waiting ticket, or a no-show that may come back', () => {
    expect(assertCallable(ticket({ status: 'waiting', finishedAt: null }), after(0), '2026-11-27', rules)).toBe(false);
    expect(assertCallable(ticket({}), after(10), '2026-11-27', rules)).toBe(true);
    for (const status of ['called', 'serving', 'done', 'cancelled'] as const) {
      expect(() => assertCallable(ticket({ status }), after(1), '2026-11-27', rules), status).toThrowError(expect.objectContaining({ code: 'ticket.wrong_state' }));
    }
    expect(() => assertCallable(ticket({}), after(45), '2026-11-27', rules)).toThrowError(expect.objectContaining({ code: 'ticket.wrong_state', message: expect.stringMatching(/within 30 min/) }));
  });
});
