/** A daily period without sound, "HH:MM" to "HH:MM" in local time (may run past midnight). */
export interface QuietPeriod {
  from: string;
  to: string;
}

function minutes(hhmm: string): number {
  const [hours, mins] = hhmm.split(':').map(Number);
  return (hours ?? 0) * 60 + (mins ?? 0);
}

export function inQuietHours(periods: readonly QuietPeriod[], minuteOfDay: number): boolean {
  return periods.some(({ from, to }) => {
    const start = minutes(from);
    const end = minutes(to);
    return start <= end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
  });
}
