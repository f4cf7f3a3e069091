import { assertCentreCode, DEFAULT_CENTRE_CODE, DomainError, DEFAULT_CUTOFF, DEFAULT_OFFICE_END, type WorkCalendar, workCalendar } from '@qms/core';
import type { SqliteQueueStore } from '@qms/db';

/**
 * The centre's rules for applications, in the hub's settings (GET/PATCH /api/settings, as
 * `applications: {centreCode, cutoff, officeEnd, holidays, resultsServiceId}`): the first part of every application
 * code, and the working-day calendar due dates are counted on. A key without a row: the default.
 */
export interface ApplicationSettings {
  /** CENTRE in CENTRE-YYMMDD-NNNN: 1 to 12 upper-case letters or digits. */
  centreCode: string;
  /** "HH:MM": received later than this, an application counts from the next working day. */
  cutoff: string;
  /** "HH:MM": the time of day a result is promised for. */
  officeEnd: string;
  /** Public holidays and other days off, YYYY-MM-DD, sorted, each once. */
  holidays: string[];
  /** The field (service) whose counters hand over results: kiosk pickup tickets are issued in it; null: no results pickup. */
  resultsServiceId: number | null;
}

export type ApplicationSettingsPatch = Partial<ApplicationSettings>;

const KEYS = {
  centreCode: 'applications.centre_code',
  cutoff: 'applications.cutoff',
  officeEnd: 'applications.office_end',
  holidays: 'applications.holidays',
  resultsServiceId: 'applications.results_service_id',
} as const satisfies Record<keyof ApplicationSettings, string>;

export const DEFAULT_APPLICATION_SETTINGS: ApplicationSettings = { centreCode: DEFAULT_CENTRE_CODE, cutoff: DEFAULT_CUTOFF, officeEnd: DEFAULT_OFFICE_END, holidays: [], resultsServiceId: null };

function holidaysOf(stored: string | undefined): string[] {
  if (stored === undefined) return [];
  const value: unknown = JSON.parse(stored);
  return Array.isArray(value) ? value.filter((day): day is string => typeof day === 'string') : [];
}

function serviceIdOf(stored: string | undefined): number | null {
  const id = stored === undefined ? NaN : Number(stored);
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** The settings as stored, each checked (a value the rules refuse falls back to its default). */
export function readApplicationSettings(store: SqliteQueueStore): ApplicationSettings {
  const get = (key: keyof ApplicationSettings) => store.getSetting(KEYS[key]);
  const settings: ApplicationSettings = {
    centreCode: get('centreCode') ?? DEFAULT_APPLICATION_SETTINGS.centreCode,
    cutoff: get('cutoff') ?? DEFAULT_APPLICATION_SETTINGS.cutoff,
    officeEnd: get('officeEnd') ?? DEFAULT_APPLICATION_SETTINGS.officeEnd,
    holidays: holidaysOf(get('holidays')),
    resultsServiceId: serviceIdOf(get('resultsServiceId')),
  };
  try {
    checkApplicationSettings(settings);
    return settings;
  } catch {
    // Only a hand-edited database gets here: the PATCH checks every value before it is written.
    return DEFAULT_APPLICATION_SETTINGS;
  }
}

/** Throws config.invalid (with what is wrong) for a centre code, time or holiday the rules refuse. */
export function checkApplicationSettings(settings: ApplicationSettings): void {
  assertCentreCode(settings.centreCode);
  calendarOf(settings);
}

export function calendarOf(settings: ApplicationSettings): WorkCalendar {
  return workCalendar({ holidays: settings.holidays, cutoff: settings.cutoff, officeEnd: settings.officeEnd });
}

/** Applies a patch over the current settings, checks the result and writes it, in the caller's transaction. */
export function writeApplicationSettings(store: SqliteQueueStore, patch: ApplicationSettingsPatch | undefined): void {
  if (!patch) return;
  const next: ApplicationSettings = { ...readApplicationSettings(store), ...patch };
  next.holidays = [...new Set(next.holidays)].sort();
  checkApplicationSettings(next);
  if (next.resultsServiceId !== null && !store.getService(next.resultsServiceId)) {
    throw new DomainError('config.invalid', `applications.resultsServiceId: no service with id ${next.resultsServiceId}`);
  }
  store.setSetting(KEYS.centreCode, next.centreCode);
  store.setSetting(KEYS.cutoff, next.cutoff);
  store.setSetting(KEYS.officeEnd, next.officeEnd);
  store.setSetting(KEYS.holidays, JSON.stringify(next.holidays));
  if (next.resultsServiceId === null) store.deleteSetting(KEYS.resultsServiceId);
  else store.setSetting(KEYS.resultsServiceId, String(next.resultsServiceId));
}
