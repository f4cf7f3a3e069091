import { describe, expect, it } from 'vitest';
import { compareForCounter, pickNext, type QueueRules } from './queue-order.js';
import { PRIORITIES, type Priority, type Ticket } from './types.js';

const NOW = new Date('2026-11-27T03:00:00.000Z');
const RULES: QueueRules = { maxWaitSeconds: 30 * 60 };
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

let nextId = 1;
function ticket(serviceId: number, waitedMinutes: number, priority: Priority = 'normal'): Pick<Ticket, 'id' | 'serviceId' | 'priority' | 'issuedAt' | 'status'> {
  return { id: nextId++, serviceId, priority, issuedAt: minutesAgo(waitedMinutes), status: 'waiting' };
}

describe('call-next order', () => {
  const counter = { serviceIds: [1, 2] };

  it('serves any priority class before normal tickets', () => {
    for (const priority of PRIORITIES.filter((p) => p !== 'normal')) {
      const normal = ticket(1, 20);
      const special = ticket(1, 1, priority);
      expect(pickNext([normal, special], counter, NOW, RULES)).toBe(special);
    }
  });

  it('then the longest wait, across the counter services', () => {
    const a = ticket(1, 5);
    const b = ticket(2, 9);
    expect(pickNext([a, b], counter, NOW, RULES)).toBe(b);
  });

  it('breaks a tie in issue time by the counter service order', () => {
    const second = { ...ticket(2, 5), id: 1 };
    const first = { ...ticket(1, 5), id: 2 };
    expect(pickNext([second, first], counter, NOW, RULES)).toBe(first);
    expect(pickNext([second, first], { serviceIds: [2, 1] }, NOW, RULES)).toBe(second);
  });

  it('promotes a normal ticket past the maximum wait so it cannot starve', () => {
    const old = ticket(1, 31);
    const elderly = ticket(1, 2, 'elderly');
    expect(pickNext([elderly, old], counter, NOW, RULES)).toBe(old);
    const notYet = ticket(1, 29);
    expect(pickNext([elderly, notYet], counter, NOW, RULES)).toBe(elderly);
  });

  it('ignores tickets of other services and tickets not waiting', () => {
    const other = ticket(3, 60);
    const called = { ...ticket(1, 50), status: 'called' as const };
    const mine = ticket(2, 1);
    expect(pickNext([other, called, mine], counter, NOW, RULES)).toBe(mine);
    expect(pickNext([other], counter, NOW, RULES)).toBeUndefined();
  });

  it('gives the same answer from the per-service heads as from all tickets (the store query)', () => {
    // Deterministic pseudo-random queues.
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 300; round++) {
      const services = [1, 2, 3];
      const all = Array.from({ length: 1 + Math.floor(random() * 25) }, () => ticket(services[Math.floor(random() * 3)] ?? 1, Math.floor(random() * 60), random() < 0.2 ? 'pregnant' : 'normal'));
      const heads = services.flatMap((serviceId) =>
        [true, false].flatMap((isPriority) => {
          const group = all
            .filter((t) => t.serviceId === serviceId && (t.priority !== 'normal') === isPriority)
            .sort((x, y) => (x.issuedAt === y.issuedAt ? x.id - y.id : x.issuedAt < y.issuedAt ? -1 : 1));
          return group.slice(0, 1);
        }),
      );
      const counterOrder = { serviceIds: round % 2 === 0 ? [2, 1] : [1, 3, 2] };
      expect(pickNext(heads, counterOrder, NOW, RULES)).toBe(pickNext(all, counterOrder, NOW, RULES));
    }
  });

  it('is a strict order (antisymmetric)', () => {
    const a = ticket(1, 10);
    const b = ticket(2, 10, 'child');
    expect(Math.sign(compareForCounter(a, b, counter, NOW, RULES))).toBe(-Math.sign(compareForCounter(b, a, counter, NOW, RULES)));
  });
});
