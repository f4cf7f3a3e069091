import type { Counter, CounterInput, OpeningPeriod, Service, ServiceInput } from '@qms/core';

/** Whatever creates services and counters: the SQLite config store, or the hub's queue worker. */
export interface CentreWriter {
  createService(input: ServiceInput): Service | Promise<Service>;
  createCounter(input: CounterInput): Counter | Promise<Counter>;
}

export const ALWAYS_OPEN: OpeningPeriod[] = [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }];

export function serviceInput(code: string, prefix: string, overrides: Partial<ServiceInput> = {}): ServiceInput {
  return {
    code,
    name: code,
    nameEn: code,
    prefix,
    rangeStart: 1,
    rangeEnd: 999,
    openingHours: ALWAYS_OPEN,
    active: true,
    position: 0,
    defaultServiceSeconds: 300,
    ...overrides,
  };
}

/** A small centre for tests: services A (land), B (civil status), C (certification); counters 1: [A, B], 2: [B], 3: [C, A]. */
export async function seedSmallCentre(config: CentreWriter) {
  const a = await config.createService(serviceInput('dat-dai', 'A'));
  const b = await config.createService(serviceInput('ho-tich', 'B', { position: 1 }));
  const c = await config.createService(serviceInput('chung-thuc', 'C', { position: 2, rangeEnd: 3 }));
  const counter1 = await config.createCounter({ number: 1, name: 'Quầy 1', serviceIds: [a.id, b.id], status: 'open' });
  const counter2 = await config.createCounter({ number: 2, name: 'Quầy 2', serviceIds: [b.id], status: 'open' });
  const counter3 = await config.createCounter({ number: 3, name: 'Quầy 3', serviceIds: [c.id, a.id], status: 'open' });
  return { a, b, c, counter1, counter2, counter3 };
}

export type SmallCentre = Awaited<ReturnType<typeof seedSmallCentre>>;
