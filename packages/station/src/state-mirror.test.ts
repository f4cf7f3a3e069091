import type { QueueEvent, StateDto, TicketDto } from '@qms/protocol';
import { describe, expect, it } from 'vitest';
import { RECENT_CALLS } from '@qms/core';
import { applyEvent, mirrorOf } from './state-mirror.js';

/**
 * The rules that need no hub: when the mirror gives up and asks for a snapshot. That it gives
 * what /api/state gives is tested against a real hub in tests/station/hub-link-state.test.ts.
 */
const zone = 'Asia/Ho_Chi_Minh';
const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 1, minute)).toISOString();

function ticket(id: number, changes: Partial<TicketDto> = {}): TicketDto {
  return {
    id,
    label: `A${String(id).padStart(3, '0')}`,
    number: id,
    serviceId: 1,
    issueServiceId: 1,
    priority: 'normal',
    status: 'waiting',
    counterId: null,
    businessDay: '2026-11-27',
    issuedAt: at(0),
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    recallCount: 0,
    transferCount: 0,
    servedBy: null,
    ...changes,
  };
}

const called = (id: number, minute: number, changes: Partial<TicketDto> = {}) => ticket(id, { status: 'done', counterId: 1, calledAt: at(minute), ...changes });

function state(recentCalls: TicketDto[]): StateDto {
  const service = { code: 'a', name: 'A', nameEn: 'A', active: true, open: true, openingHours: [], waiting: 0, estimatedWaitSeconds: 0 };
  return {
    seq: 100,
    businessDay: '2026-11-27',
    serverTime: at(30),
    services: [
      { ...service, id: 1, prefix: 'A' },
      { ...service, id: 2, prefix: 'B' },
    ],
    counters: [{ id: 1, number: 1, name: '1', status: 'open', serviceIds: [1, 2], ticket: null }],
    recentCalls,
  };
}

const queues = [{ serviceId: 1, waiting: 3, estimatedWaitSeconds: 450 }];
const event = (seq: number, fields: Record<string, unknown>) => ({ seq, at: at(40), ...fields }) as unknown as QueueEvent;
/** Ten calls, newest first, as /api/state lists them when more were made today. */
const tenCalls = Array.from({ length: RECENT_CALLS }, (_, i) => called(20 - i, 20 - i));

describe('state mirror', () => {
  it('takes a call in at its place and moves the counts and estimates the event carries', () => {
    const mirror = mirrorOf(state(tenCalls));
    const next = applyEvent(mirror, event(101, { type: 'ticket.called', ticket: called(30, 40, { status: 'called' }), counterId: 1, queues }), zone);
    expect(next?.state.seq).toBe(101);
    expect(next?.state.recentCalls.map((t) => t.id)).toEqual([30, ...tenCalls.slice(0, 9).map((t) => t.id)]);
    expect(next?.state.counters[0]?.ticket?.id).toBe(30);
    expect(next?.state.services[0]).toMatchObject({ waiting: 3, estimatedWaitSeconds: 450 });
    expect(mirror.state.seq).toBe(100); // the mirror given is left alone
  });

  it('orders calls of the same instant as the hub does: the higher id first', () => {
    const mirror = mirrorOf(state([called(5, 10)]));
    const next = applyEvent(mirror, event(101, { type: 'ticket.finished', ticket: called(4, 10), counterId: 1, queues }), zone);
    expect(next?.state.recentCalls.map((t) => t.id)).toEqual([5, 4]);
  });

  it('skips an event the picture already holds', () => {
    const mirror = mirrorOf(state(tenCalls));
    expect(applyEvent(mirror, event(100, { type: 'config.changed', what: 'services' }), zone)).toBe(mirror);
  });

  it('asks for a snapshot after a configuration change, a closed day, or the first event of the next day', () => {
    const mirror = mirrorOf(state([]));
    expect(applyEvent(mirror, event(101, { type: 'config.changed', what: 'services' }), zone)).toBeNull();
    expect(applyEvent(mirror, event(101, { type: 'day.closed', businessDay: '2026-11-27', cancelled: 0 }), zone)).toBeNull();
    const tomorrow = { ...event(101, { type: 'ticket.issued', ticket: ticket(1), queues }), at: '2026-11-27T17:00:00.000Z' } as QueueEvent;
    expect(applyEvent(mirror, tomorrow, zone)).toBeNull();
  });

  it('asks for a snapshot when a transfer takes back a call and the older calls are unknown', () => {
    const back = ticket(20, { transferCount: 1, serviceId: 2 });
    const transferred = event(101, { type: 'ticket.transferred', ticket: back, fromServiceId: 1, toServiceId: 2, counterId: 1, queues });
    expect(applyEvent(mirrorOf(state(tenCalls)), transferred, zone)).toBeNull();
    // Every call of the day known (fewer than the list holds): the call just leaves the list.
    const next = applyEvent(mirrorOf(state(tenCalls.slice(0, 9))), transferred, zone);
    expect(next?.state.recentCalls.map((t) => t.id)).toEqual(tenCalls.slice(1, 9).map((t) => t.id));
  });

  it('asks for a snapshot when an older hub sends counts without estimates, but takes a recall that moves none', () => {
    const mirror = mirrorOf(state([called(7, 10, { status: 'called' })]));
    const old = event(101, { type: 'ticket.issued', ticket: ticket(8), queues: [{ serviceId: 1, waiting: 1 }] });
    expect(applyEvent(mirror, old, zone)).toBeNull();
    expect(applyEvent(mirror, event(101, { type: 'counter.paused', counter: { id: 1, number: 1, name: '1', status: 'paused', serviceIds: [1, 2] } }), zone)).toBeNull();
    const recall = applyEvent(mirror, event(101, { type: 'ticket.recalled', ticket: called(7, 10, { status: 'called', recallCount: 1 }), counterId: 1 }), zone);
    expect(recall?.state.recentCalls[0]?.recallCount).toBe(1);
    expect(recall?.state.counters[0]?.ticket?.recallCount).toBe(1);
  });
});
