import type { OpeningPeriod } from '@qms/core';
import type { Bilingual, Lang } from './lang.js';

const WORDS = {
  noWait: { vi: 'Không phải chờ', en: 'No wait' },
  unknown: { vi: 'Chưa xác định', en: 'Not known yet' },
  about: { vi: 'khoảng', en: 'about' },
  minutes: { vi: 'phút', en: 'min' },
  hours: { vi: 'giờ', en: 'h' },
  noHours: { vi: 'chưa có lịch', en: 'none set' },
} satisfies Record<string, Bilingual>;

/** An estimated wait as a person says it: "khoảng 15 phút", "about 1 h 30 min". */
export function waitText(lang: Lang, seconds: number | null): string {
  if (seconds === null) return WORDS.unknown[lang];
  if (seconds <= 0) return WORDS.noWait[lang];
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60) return `${WORDS.about[lang]} ${minutes} ${WORDS.minutes[lang]}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `${WORDS.about[lang]} ${hours} ${WORDS.hours[lang]}${rest ? ` ${rest} ${WORDS.minutes[lang]}` : ''}`;
}

const DAY_NAMES: Record<Lang, string[]> = {
  vi: ['', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'],
  en: ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

function daysText(lang: Lang, days: number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  const names = DAY_NAMES[lang];
  const contiguous = sorted.every((day, i) => i === 0 || day === (sorted[i - 1] ?? 0) + 1);
  if (sorted.length > 2 && contiguous) return `${names[sorted[0] ?? 1]}–${names[sorted[sorted.length - 1] ?? 7]}`;
  return sorted.map((day) => names[day]).join(', ');
}

/** "T2–T6 07:30–11:30, 13:30–17:00": periods with the same days are put together. */
export function openingHoursText(lang: Lang, periods: OpeningPeriod[]): string {
  if (periods.length === 0) return WORDS.noHours[lang];
  const byDays = new Map<string, OpeningPeriod[]>();
  for (const period of periods) {
    const key = [...period.days].sort().join(',');
    byDays.set(key, [...(byDays.get(key) ?? []), period]);
  }
  return [...byDays.values()].map((group) => `${daysText(lang, group[0]?.days ?? [])} ${group.map((p) => `${p.open}–${p.close}`).join(', ')}`).join('; ');
}

/** HH:mm dd/MM/yyyy in the centre's time zone. */
export function clockText(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('vi-VN', { timeZone, hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hourCycle: 'h23' }).format(now);
}
