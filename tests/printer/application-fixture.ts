import { applicationPageUrl } from '@qms/core';
import type { ApplicationReceiptData } from '@qms/printer';

/** An application receipt as the counter prints it (a birth registration, two papers handed in). */
export const APPLICATION: ApplicationReceiptData = {
  centreName: 'UBND xã Hòa Bình – Bộ phận Một cửa',
  code: 'UBND-261127-0001',
  secret: '7KQ2MX9P',
  applicant: { fullName: 'Nguyễn Thị Hồng Nhung', idMasked: '001******345', phone: '0912345678', address: 'Thôn Đông, xã Hòa Bình' },
  procedure: { code: '1.001193', name: 'Đăng ký khai sinh' },
  documents: [
    { name: 'Tờ khai đăng ký khai sinh', original: 1, copies: 0 },
    { name: 'Giấy chứng sinh', original: 1, copies: null },
  ],
  channel: 'counter',
  receivedAt: '2026-11-27T01:05:00.000Z',
  dueAt: '2026-12-02T10:00:00.000Z',
  timeZone: 'Asia/Ho_Chi_Minh',
  receivedBy: 'Lê Văn Tâm',
  pageUrl: applicationPageUrl('http://hub.local:8080', 'UBND-261127-0001', '7KQ2MX9P'),
  hotline: '0221 3862 123',
};
