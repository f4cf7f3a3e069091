import { textsOf } from '@qms/shell';

/** The board's texts (the phase screens' are the shell's). */
const STRINGS = {
  invite: { vi: 'Mời công dân có số', en: 'Ticket number' },
  toCounter: { vi: 'đến quầy số', en: 'please go to counter' },
  noCall: { vi: 'Xin quý khách vui lòng chờ đến lượt', en: 'Please wait for your number' },
  counter: { vi: 'Quầy', en: 'Counter' },
  serving: { vi: 'Đang phục vụ', en: 'Serving' },
  paused: { vi: 'Tạm nghỉ', en: 'Paused' },
  recent: { vi: 'Các số vừa gọi', en: 'Recent calls' },
  waiting: { vi: 'Đang chờ', en: 'Waiting' },
  portal: { vi: 'Cổng Dịch vụ công quốc gia', en: 'National public service portal' },
  offline: { vi: 'Mất kết nối máy chủ — đang kết nối lại', en: 'Hub unreachable — reconnecting' },
  noSound: { vi: 'Không phát được âm thanh', en: 'No sound' },
} as const;

export const t = textsOf(STRINGS);
export type TextKey = keyof typeof STRINGS;
