import type { LocalTime } from './business-day.js';
import { DomainError } from './errors.js';
import type { OpeningPeriod } from './types.js';

const HM = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** "07:30" → 450; "24:00" → 1440. Throws config.invalid on anything else. */
export function parseHm(value: string): number {
  const match = HM.exec(value);
  if (!match) throw new DomainError('config.invalid', `"${value}" is not a time of day (HH:MM, 00:00 to 24:00)`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > 1440) throw new DomainError('config.invalid', `"${value}" is past 24:00`);
  return minutes;
}

export function validateOpeningHours(periods: readonly OpeningPeriod[]): void {
  for (const period of periods) {
    if (period.days.length === 0) throw new DomainError('config.invalid', 'an opening period needs at least one weekday');
    for (const day of period.days) {
      if (!Number.isInteger(day) || day < 1 || day > 7) {
        throw new DomainError('config.invalid', `weekday ${day} is not 1 (Monday) to 7 (Sunday)`);
      }
    }
    if (parseHm(period.open) >= parseHm(period.close)) {
      throw new DomainError('config.invalid', `opening period ${period.open}-${period.close} ends before it starts`);
    }
  }
}

export function isOpenAt(periods: readonly OpeningPeriod[], local: LocalTime): boolean {
  return periods.some((period) => period.days.includes(local.weekday) && parseHm(period.open) <= local.minuteOfDay && local.minuteOfDay < parseHm(period.close));
}

const DAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A short English description for messages: "Mon-Fri 07:30-11:30, 13:30-17:00". */
export function describeOpeningHours(periods: readonly OpeningPeriod[]): string {
  if (periods.length === 0) return 'never open';
  return periods
    .map((period) => {
      const days = [...period.days].sort((a, b) => a - b);
      const first = days[0] ?? 0;
      const last = days[days.length - 1] ?? 0;
      const contiguous = last - first === days.length - 1;
      const dayText = days.length === 7 ? 'every day' : contiguous && days.length > 1 ? `${DAY_NAMES[first]}-${DAY_NAMES[last]}` : days.map((day) => DAY_NAMES[day]).join(',');
      return `${dayText} ${period.open}-${period.close}`;
    })
    .join('; ');
}
