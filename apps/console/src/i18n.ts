import type { Bilingual, Lang } from '@qms/ui';

const STORAGE_KEY = 'qms-console-lang';

/** The console's language: Vietnamese first, English second; remembered by the browser. */
export class Language {
  private current: Lang;
  private readonly listeners = new Set<() => void>();

  constructor() {
    const saved = localStorage.getItem(STORAGE_KEY);
    this.current = saved === 'en' ? 'en' : 'vi';
    document.documentElement.lang = this.current;
  }

  get lang(): Lang {
    return this.current;
  }

  set(lang: Lang): void {
    if (lang === this.current) return;
    this.current = lang;
    localStorage.setItem(STORAGE_KEY, lang);
    document.documentElement.lang = lang;
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` after each change of language; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The text in the current language. */
  t = (text: Bilingual): string => text[this.current];
}

/** Words every page uses. */
export const COMMON = {
  save: { vi: 'Lưu', en: 'Save' },
  saved: { vi: 'Đã lưu', en: 'Saved' },
  cancel: { vi: 'Huỷ', en: 'Cancel' },
  add: { vi: 'Thêm', en: 'Add' },
  refresh: { vi: 'Làm mới', en: 'Refresh' },
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  none: { vi: 'Không có', en: 'None' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  readOnly: { vi: 'Chỉ xem: chỉ quản trị viên được sửa', en: 'Read only: only an administrator may change this' },
  failed: { vi: 'Không thực hiện được', en: 'Could not do it' },
} satisfies Record<string, Bilingual>;

const WEEKDAYS: Record<Lang, string[]> = {
  vi: ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

/** The short name of an ISO weekday (1 = Monday). */
export function weekdayName(day: number, lang: Lang): string {
  return WEEKDAYS[lang][day - 1] ?? String(day);
}

/** A date and time as the centre reads it (the browser is in the centre). */
export function formatInstant(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' });
}

/** A span of seconds in words: "3 phút 5 giây" / "3 min 5 s". */
export function formatSeconds(seconds: number, lang: Lang): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const [hu, mu, su] = lang === 'vi' ? ['giờ', 'phút', 'giây'] : ['h', 'min', 's'];
  if (h > 0) return `${h} ${hu} ${m} ${mu}`;
  if (m > 0) return `${m} ${mu} ${rest} ${su}`;
  return `${rest} ${su}`;
}
