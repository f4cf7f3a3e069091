import type { Bilingual, Lang } from '@qms/ui';

/** A table of a screen's texts in both languages, read as t(lang, key). */
export function textsOf<T extends Record<string, Bilingual>>(table: T): (lang: Lang, key: keyof T) => string {
  return (lang, key) => (table[key] as Bilingual)[lang];
}

/** What every station's phase screens say. */
export const PLATFORM_TEXTS = {
  starting: { vi: 'Đang khởi động…', en: 'Starting…' },
  reconnecting: { vi: 'Đang kết nối lại máy chủ…', en: 'Reconnecting to the hub…' },
  reconnectingHint: { vi: 'Xin vui lòng chờ trong giây lát. Không có gì bị mất.', en: 'Please wait a moment. Nothing is lost.' },
  pairingTitle: { vi: 'Thiết bị chưa được kết nối', en: 'This station is not paired yet' },
  pairingHint: { vi: 'Kỹ thuật viên duyệt mã này trên máy chủ:', en: 'A technician approves this code on the hub:' },
  discovering: { vi: 'Đang tìm máy chủ…', en: 'Looking for the hub…' },
  discoveringHint: {
    vi: 'Chưa đặt địa chỉ máy chủ: thiết bị đang tìm máy chủ trong mạng nội bộ.',
    en: 'No hub address is set: this station is looking for the hub on the local network.',
  },
  discoveredHub: { vi: 'Đã tìm thấy máy chủ:', en: 'Found the hub:' },
} satisfies Record<string, Bilingual>;

export const platformText = textsOf(PLATFORM_TEXTS);

/** Refusals any station may meet, by stable code; a station adds its own. */
const PLATFORM_ERRORS: Record<string, Bilingual> = {
  'hub.unreachable': { vi: 'Không kết nối được máy chủ. Xin thử lại sau.', en: 'The hub cannot be reached. Please try again later.' },
  'bridge.closed': { vi: 'Thiết bị đang khởi động lại. Xin thử lại sau giây lát.', en: 'The station is restarting. Please try again in a moment.' },
  'auth.forbidden': { vi: 'Thiết bị này không được phép làm việc này.', en: 'This station may not do that.' },
};

const SOMETHING_WRONG: Bilingual = { vi: 'Có lỗi xảy ra, xin vui lòng liên hệ cán bộ.', en: 'Something went wrong; please ask a staff member.' };

/** A refusal's text by its code: the station's own table first, then the platform's, then a plain apology. */
export function errorTextsOf(table: Record<string, Bilingual>): (lang: Lang, code: string) => string {
  return (lang, code) => (table[code] ?? PLATFORM_ERRORS[code] ?? SOMETHING_WRONG)[lang];
}
