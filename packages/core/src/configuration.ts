import { DomainError } from './errors.js';
import { assertPrefixFree, validateNumbering } from './numbering.js';
import { validateOpeningHours } from './opening-hours.js';
import type { Counter, Service } from './types.js';

export type ServiceInput = Omit<Service, 'id'>;
/** A counter as configured: its pause reason comes with a pause, not from the configuration. */
export type CounterInput = Omit<Counter, 'id' | 'pauseReason'>;

const CODE = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** Checks a service definition against the others (ids other than its own); throws a DomainError. */
export function validateService(input: ServiceInput, others: readonly Service[]): void {
  if (!CODE.test(input.code)) {
    throw new DomainError('config.invalid', `service code "${input.code}" must be 1-32 lower-case letters, digits, "-" or "_"`);
  }
  if (others.some((other) => other.code === input.code)) {
    throw new DomainError('service.code_taken', `another service already has code "${input.code}"`);
  }
  if (!input.name.trim() || !input.nameEn.trim()) {
    throw new DomainError('config.invalid', `service ${input.code} needs a Vietnamese and an English name`);
  }
  if (!Number.isInteger(input.defaultServiceSeconds) || input.defaultServiceSeconds < 1) {
    throw new DomainError('config.invalid', `service ${input.code}: default service time must be at least 1 second`);
  }
  validateNumbering(input);
  assertPrefixFree(input.prefix, others);
  validateOpeningHours(input.openingHours);
}

/** Checks a counter definition against the services and the other counters; throws a DomainError. */
export function validateCounter(input: CounterInput, services: readonly Service[], others: readonly Counter[]): void {
  if (!Number.isInteger(input.number) || input.number < 1 || input.number > 999) {
    throw new DomainError('config.invalid', `counter number ${input.number} must be a whole number from 1 to 999`);
  }
  if (others.some((other) => other.number === input.number)) {
    throw new DomainError('counter.number_taken', `another counter already has number ${input.number}`);
  }
  if (!input.name.trim()) throw new DomainError('config.invalid', `counter ${input.number} needs a name`);
  if (new Set(input.serviceIds).size !== input.serviceIds.length) {
    throw new DomainError('config.invalid', `counter ${input.number} lists a service twice`);
  }
  for (const serviceId of input.serviceIds) {
    if (!services.some((service) => service.id === serviceId)) {
      throw new DomainError('service.not_found', `counter ${input.number} lists service id ${serviceId}, which does not exist`);
    }
  }
}
