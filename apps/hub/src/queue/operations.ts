import type { Actor, Counter, CounterInput, CounterStatus, IssueInput, Issued, Outcome, QueueEngine, Service, ServiceInput, Ticket } from '@qms/core';
import type { SqliteConfigStore, SqliteQueueStore } from '@qms/db';
import type { QueueSettings, QueueSettingsView } from '../queue-settings.js';

/**
 * Every change to the queue's data, as the queue worker runs it: each one its own transaction,
 * returning its value and the events it committed. The main thread calls them by name.
 */
export interface QueueOperations {
  issue(input: IssueInput): Outcome<Issued>;
  callNext(counterId: number, actor: Actor): Outcome<Ticket | null>;
  recall(ticketId: number, actor: Actor): Outcome<Ticket>;
  start(ticketId: number, actor: Actor): Outcome<Ticket>;
  finish(ticketId: number, actor: Actor): Outcome<Ticket>;
  noShow(ticketId: number, actor: Actor): Outcome<Ticket>;
  cancel(ticketId: number, actor: Actor): Outcome<Ticket>;
  transfer(ticketId: number, serviceId: number, actor: Actor): Outcome<Ticket>;
  setCounterStatus(counterId: number, status: CounterStatus, actor: Actor): Outcome<Counter>;
  closeDay(): Outcome<number>;
  rollover(): Outcome<void>;
  createService(input: ServiceInput): Outcome<Service>;
  updateService(id: number, changes: Partial<ServiceInput>): Outcome<Service | undefined>;
  createCounter(input: CounterInput): Outcome<Counter>;
  updateCounter(id: number, changes: Partial<CounterInput>): Outcome<Counter | undefined>;
  updateSettings(patch: Partial<Omit<QueueSettingsView, 'timeZone'>>): Outcome<QueueSettingsView>;
  pruneEvents(keep: number): Outcome<number>;
}

export type OperationName = keyof QueueOperations;

const plain = <T>(value: T): Outcome<T> => ({ value, events: [] });

export function queueOperations(deps: { engine: QueueEngine; store: SqliteQueueStore; config: SqliteConfigStore; settings: QueueSettings }): QueueOperations {
  const { engine, store, config, settings } = deps;
  /** A configuration write, then the config.changed event that tells stations to reload. */
  const configure = <T>(what: 'services' | 'counters' | 'settings', write: () => T): Outcome<T> => {
    const value = write();
    if (value === undefined) return plain(value);
    return { value, events: engine.configChanged(what).events };
  };
  return {
    issue: (input) => engine.issue(input),
    callNext: (counterId, actor) => engine.callNext(counterId, actor),
    recall: (ticketId, actor) => engine.recall(ticketId, actor),
    start: (ticketId, actor) => engine.start(ticketId, actor),
    finish: (ticketId, actor) => engine.finish(ticketId, actor),
    noShow: (ticketId, actor) => engine.noShow(ticketId, actor),
    cancel: (ticketId, actor) => engine.cancel(ticketId, actor),
    transfer: (ticketId, serviceId, actor) => engine.transfer(ticketId, serviceId, actor),
    setCounterStatus: (counterId, status, actor) => engine.setCounterStatus(counterId, status, actor),
    closeDay: () => engine.closeDay(),
    rollover: () => engine.rollover(),
    createService: (input) => configure('services', () => config.createService(input)),
    updateService: (id, changes) => configure('services', () => config.updateService(id, changes)),
    createCounter: (input) => configure('counters', () => config.createCounter(input)),
    updateCounter: (id, changes) => configure('counters', () => config.updateCounter(id, changes)),
    updateSettings: (patch) => configure('settings', () => settings.update(patch)),
    pruneEvents: (keep) => plain(store.events.pruneKeeping(keep)),
  };
}
