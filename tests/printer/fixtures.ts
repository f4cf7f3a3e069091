import type { ReceiptData } from '@qms/printer';

export const RECEIPT: ReceiptData = {
  centreName: 'UBND xã Hòa Bình – Bộ phận Một cửa',
  serviceName: 'Đất đai',
  serviceNameEn: 'Land',
  label: 'A001',
  priority: 'elderly',
  issuedAt: '2026-11-27T01:05:00.000Z',
  timeZone: 'Asia/Ho_Chi_Minh',
  ahead: 3,
  estimatedWaitSeconds: 900,
  counters: [1, 2],
  trackingUrl: 'http://hub.local:8080/t/1-A001',
  hotline: '0221 3862 123',
};
