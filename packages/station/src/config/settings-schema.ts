import { StationConfigError } from './config-error.js';

/**
 * A tiny schema for station.json: each setting has a default, a check and the words a technician
 * reads when it is wrong. Unknown keys are refused (a misspelt key would otherwise be ignored in
 * silence, and the station would run with the default).
 */
export interface Setting<T> {
  default: T;
  check(value: unknown): value is T;
  /** What the value must be, e.g. 'a whole number from 2 to 120'. */
  expected: string;
}

export type Settings<S extends Record<string, Setting<unknown>>> = { [K in keyof S]: S[K] extends Setting<infer T> ? T : never };

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export const text = (fallback: string, expected = 'text'): Setting<string> => ({ default: fallback, check: isText, expected });

export const optionalText = (expected = 'text, or null'): Setting<string | null> => ({
  default: null,
  check: (v): v is string | null => v === null || isText(v),
  expected,
});

export const flag = (fallback: boolean): Setting<boolean> => ({ default: fallback, check: (v): v is boolean => typeof v === 'boolean', expected: 'true or false' });

export const integer = (fallback: number, min: number, max: number): Setting<number> => ({
  default: fallback,
  check: (v): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max,
  expected: `a whole number from ${min} to ${max}`,
});

export const oneOf = <T extends string | number>(fallback: T, values: readonly T[]): Setting<T> => ({
  default: fallback,
  check: (v): v is T => values.includes(v as T),
  expected: values.map((v) => JSON.stringify(v)).join(' or '),
});

export const listOf = <T>(item: Setting<T>, fallback: T[] = []): Setting<T[]> => ({
  default: fallback,
  check: (v): v is T[] => Array.isArray(v) && v.every((x) => item.check(x)),
  expected: `a list of ${item.expected}`,
});

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads one object of station.json's settings; `section` names it in messages
 * ("station.json: kiosk.confirmSeconds must be ...").
 */
export function readSettings<S extends Record<string, Setting<unknown>>>(schema: S, raw: unknown, section: string): Settings<S> {
  const at = (key: string) => `station.json: ${section}.${key}`;
  if (raw === undefined) raw = {};
  if (!isObject(raw)) throw new StationConfigError(`station.json: ${section} must be an object ({ ... })`);
  const unknown = Object.keys(raw).filter((key) => !Object.hasOwn(schema, key));
  if (unknown.length > 0) {
    throw new StationConfigError(`station.json: unknown setting ${unknown.map((key) => `${section}.${key}`).join(', ')}; the settings of ${section} are ${Object.keys(schema).join(', ')}`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(schema)) {
    const value = raw[key];
    if (value === undefined) out[key] = setting.default;
    else if (setting.check(value)) out[key] = value;
    else throw new StationConfigError(`${at(key)} must be ${setting.expected}, not ${JSON.stringify(value)}`);
  }
  return out as Settings<S>;
}
