/**
 * The periods a report covers, as business days YYYY-MM-DD around a reference day (the hub's
 * today): the day, its week (Monday to Sunday), month, quarter or year.
 */
export const PERIODS = ['day', 'week', 'month', 'quarter', 'year', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

const pad = (n: number) => String(n).padStart(2, '0');
const date = (y: number, m: number, d: number) => {
  const at = new Date(Date.UTC(y, m - 1, d));
  return `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
};

export function periodRange(period: Exclude<Period, 'custom'>, reference: string): { from: string; to: string } {
  const [y, m, d] = reference.split('-').map(Number) as [number, number, number];
  switch (period) {
    case 'day':
      return { from: reference, to: reference };
    case 'week': {
      const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // 0 = Monday
      return { from: date(y, m, d - weekday), to: date(y, m, d - weekday + 6) };
    }
    case 'month':
      return { from: date(y, m, 1), to: date(y, m + 1, 0) };
    case 'quarter': {
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: date(y, first, 1), to: date(y, first + 3, 0) };
    }
    case 'year':
      return { from: date(y, 1, 1), to: date(y, 12, 31) };
  }
}
