import { DomainError } from './errors.js';
import type { Service } from './types.js';

/** A prefix is one to three capital ASCII letters or digits, so labels print and read aloud the same everywhere. */
const PREFIX = /^[A-Z0-9]{1,3}$/;
export const MAX_RANGE_END = 99_999;

type Numbering = Pick<Service, 'prefix' | 'rangeStart' | 'rangeEnd'>;

export function validateNumbering(service: Numbering): void {
  if (!PREFIX.test(service.prefix)) {
    throw new DomainError('config.invalid', `ticket prefix "${service.prefix}" must be 1 to 3 capital letters or digits`);
  }
  const { rangeStart, rangeEnd } = service;
  if (!Number.isInteger(rangeStart) || !Number.isInteger(rangeEnd) || rangeStart < 0 || rangeEnd > MAX_RANGE_END || rangeStart > rangeEnd) {
    throw new DomainError('config.invalid', `number range ${rangeStart}-${rangeEnd} must be whole numbers with 0 <= start <= end <= ${MAX_RANGE_END}`);
  }
}

/**
 * No prefix may begin another: with "1" and "12", label "1234" could be 1+234 or 12+34.
 * Prefix-free prefixes and a fixed width per service make every label of a day unique.
 */
export function assertPrefixFree(prefix: string, others: readonly Pick<Service, 'prefix' | 'code'>[]): void {
  for (const other of others) {
    if (other.prefix.startsWith(prefix) || prefix.startsWith(other.prefix)) {
      throw new DomainError('service.prefix_conflict', `ticket prefix "${prefix}" clashes with prefix "${other.prefix}" of service ${other.code}; no prefix may start another`);
    }
  }
}

/** Label = prefix + number zero-padded to the width of the range end: A001, 1001. */
export function formatLabel(service: Numbering, number: number): string {
  const width = String(service.rangeEnd).length;
  return service.prefix + String(number).padStart(width, '0');
}

/** The next number of the day for a service, given the last one issued (null when none yet). Never wraps around. */
export function nextNumber(service: Numbering & Pick<Service, 'code'>, last: number | null): number {
  const next = last === null ? service.rangeStart : last + 1;
  if (next > service.rangeEnd) {
    throw new DomainError(
      'service.range_exhausted',
      `service ${service.code} has issued every number of ${formatLabel(service, service.rangeStart)}-${formatLabel(service, service.rangeEnd)} today; widen its range or use another service`,
      { rangeEnd: service.rangeEnd },
    );
  }
  return next;
}
