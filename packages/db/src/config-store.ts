import { type Clock, systemClock, validateCounter, validateService, type Counter, type CounterInput, type Service, type ServiceInput } from '@qms/core';
import type { Db } from './database.js';
import type { SqliteQueueStore } from './queue-store.js';

/**
 * Creates and edits services and counters, validated by the domain's rules, each in one transaction
 * (or in the caller's). A counter configured as paused gets a pause without a reason, stamped by `clock`.
 */
export class SqliteConfigStore {
  constructor(
    private readonly db: Db,
    private readonly queue: SqliteQueueStore,
    private readonly clock: Clock = systemClock,
  ) {}

  /** A configuration write in one transaction; the queue store's cache is dropped whatever the outcome. */
  private write<T>(fn: () => T): T {
    try {
      return this.queue.transaction(fn);
    } finally {
      this.queue.invalidateConfig();
    }
  }

  createService(input: ServiceInput): Service {
    return this.write(() => {
      validateService(input, this.queue.listServices());
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO services (code, name, name_en, prefix, range_start, range_end, opening_hours, active, position, default_service_seconds)
           VALUES (@code, @name, @nameEn, @prefix, @rangeStart, @rangeEnd, @openingHours, @active, @position, @defaultServiceSeconds)`,
        )
        .run(serviceParams(input));
      this.queue.invalidateConfig();
      return this.queue.getService(Number(lastInsertRowid)) as Service;
    });
  }

  updateService(id: number, changes: Partial<ServiceInput>): Service | undefined {
    return this.write(() => {
      const current = this.queue.getService(id);
      if (!current) return undefined;
      const next = { ...current, ...changes, id };
      validateService(
        next,
        this.queue.listServices().filter((service) => service.id !== id),
      );
      this.db
        .prepare(
          `UPDATE services SET code = @code, name = @name, name_en = @nameEn, prefix = @prefix, range_start = @rangeStart,
             range_end = @rangeEnd, opening_hours = @openingHours, active = @active, position = @position,
             default_service_seconds = @defaultServiceSeconds
           WHERE id = @id`,
        )
        .run({ ...serviceParams(next), id });
      this.queue.invalidateConfig();
      return this.queue.getService(id);
    });
  }

  createCounter(input: CounterInput): Counter {
    return this.write(() => {
      validateCounter(input, this.queue.listServices(), this.queue.listCounters());
      const { lastInsertRowid } = this.db.prepare("INSERT INTO counters (number, name, status) VALUES (?, ?, 'open')").run(input.number, input.name);
      const id = Number(lastInsertRowid);
      this.writeCounterServices(id, input.serviceIds);
      if (input.status === 'paused') this.queue.setCounterStatus(id, 'paused', this.clock.now().toISOString(), null);
      this.queue.invalidateConfig();
      return this.queue.getCounter(id) as Counter;
    });
  }

  updateCounter(id: number, changes: Partial<CounterInput>): Counter | undefined {
    return this.write(() => {
      const current = this.queue.getCounter(id);
      if (!current) return undefined;
      const next = { ...current, ...changes, id };
      validateCounter(
        next,
        this.queue.listServices(),
        this.queue.listCounters().filter((counter) => counter.id !== id),
      );
      this.db.prepare('UPDATE counters SET number = ?, name = ? WHERE id = ?').run(next.number, next.name, id);
      if (changes.serviceIds) this.writeCounterServices(id, changes.serviceIds);
      if (next.status !== current.status) this.queue.setCounterStatus(id, next.status, this.clock.now().toISOString(), null);
      this.queue.invalidateConfig();
      return this.queue.getCounter(id);
    });
  }

  private writeCounterServices(counterId: number, serviceIds: readonly number[]): void {
    this.db.prepare('DELETE FROM counter_services WHERE counter_id = ?').run(counterId);
    const insert = this.db.prepare('INSERT INTO counter_services (counter_id, service_id, position) VALUES (?, ?, ?)');
    serviceIds.forEach((serviceId, position) => insert.run(counterId, serviceId, position));
  }
}

function serviceParams(input: ServiceInput) {
  return {
    code: input.code,
    name: input.name,
    nameEn: input.nameEn,
    prefix: input.prefix,
    rangeStart: input.rangeStart,
    rangeEnd: input.rangeEnd,
    openingHours: JSON.stringify(input.openingHours),
    active: input.active ? 1 : 0,
    position: input.position,
    defaultServiceSeconds: input.defaultServiceSeconds,
  };
}
