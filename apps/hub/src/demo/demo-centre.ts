import type { OpeningPeriod, ServiceInput } from '@qms/core';
import type { HubContext } from '../hub-context.js';

/** The demo is open around the clock, so it works whenever someone tries it. */
const ALWAYS: OpeningPeriod[] = [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }];

/** The fields of a commune one-stop shop (bộ phận một cửa cấp xã). */
export const DEMO_SERVICES: Omit<ServiceInput, 'position'>[] = [
  { code: 'dat-dai', name: 'Đất đai', nameEn: 'Land', prefix: 'A', rangeStart: 1, rangeEnd: 999, openingHours: ALWAYS, active: true, defaultServiceSeconds: 600 },
  { code: 'ho-tich', name: 'Hộ tịch', nameEn: 'Civil status', prefix: 'B', rangeStart: 1, rangeEnd: 999, openingHours: ALWAYS, active: true, defaultServiceSeconds: 300 },
  { code: 'chung-thuc', name: 'Chứng thực', nameEn: 'Certification', prefix: 'C', rangeStart: 1, rangeEnd: 999, openingHours: ALWAYS, active: true, defaultServiceSeconds: 180 },
  { code: 'tu-phap', name: 'Tư pháp', nameEn: 'Justice', prefix: 'D', rangeStart: 1, rangeEnd: 999, openingHours: ALWAYS, active: true, defaultServiceSeconds: 300 },
  { code: 'kinh-doanh', name: 'Kinh doanh', nameEn: 'Business registration', prefix: 'E', rangeStart: 1, rangeEnd: 999, openingHours: ALWAYS, active: true, defaultServiceSeconds: 420 },
  {
    code: 'ldtbxh',
    name: 'Lao động – Thương binh – Xã hội',
    nameEn: 'Labour, invalids and social affairs',
    prefix: 'F',
    rangeStart: 1,
    rangeEnd: 999,
    openingHours: ALWAYS,
    active: true,
    defaultServiceSeconds: 360,
  },
  { code: 'xay-dung', name: 'Xây dựng', nameEn: 'Construction', prefix: 'G', rangeStart: 1, rangeEnd: 999, openingHours: ALWAYS, active: true, defaultServiceSeconds: 480 },
];

/**
 * The field that hands over results (Trả kết quả): a citizen scanning a ready application's receipt
 * at the kiosk gets a ticket in it. Apart from DEMO_SERVICES: no procedure belongs to it.
 */
export const DEMO_RESULTS_SERVICE: Omit<ServiceInput, 'position'> = {
  code: 'tra-ket-qua',
  name: 'Trả kết quả',
  nameEn: 'Results',
  prefix: 'R',
  rangeStart: 1,
  rangeEnd: 999,
  openingHours: ALWAYS,
  active: true,
  defaultServiceSeconds: 120,
};

/** Six counters, each with a main field and a neighbour's, and the results counter (7). */
const DEMO_COUNTERS: { number: number; services: string[] }[] = [
  { number: 1, services: ['dat-dai', 'xay-dung'] },
  { number: 2, services: ['dat-dai', 'ho-tich'] },
  { number: 3, services: ['ho-tich', 'chung-thuc', 'tu-phap'] },
  { number: 4, services: ['chung-thuc', 'tu-phap'] },
  { number: 5, services: ['kinh-doanh', 'xay-dung'] },
  { number: 6, services: ['ldtbxh', 'ho-tich'] },
  { number: 7, services: ['tra-ket-qua'] },
];

export const DEMO_PASSWORD = 'demo1234';
/** The demo counter station's clerk and PIN (counter 1). */
export const DEMO_COUNTER_CLERK = 'quay1';
export const DEMO_PIN = '1111';
export const DEMO_USERS = [
  ...DEMO_COUNTERS.map(({ number }) => ({ username: `quay${number}`, role: 'staff' as const, displayName: `Cán bộ quầy ${number}` })),
  { username: 'kythuat', role: 'technician' as const, displayName: 'Kỹ thuật viên' },
];

/** True when the database holds no service yet: the only time the demo is seeded. */
export function isEmptyCentre(ctx: HubContext): boolean {
  return ctx.queueStore.listServices().length === 0;
}

/** Seeds the demo centre: services (the results field last), counters, staff accounts, and results pickup on. */
export async function seedDemoCentre(ctx: HubContext): Promise<void> {
  const ids = new Map<string, number>();
  for (const [position, service] of [...DEMO_SERVICES, DEMO_RESULTS_SERVICE].entries()) {
    ids.set(service.code, (await ctx.queue.call('createService', { ...service, position })).id);
  }
  await ctx.queue.call('updateSettings', { applications: { resultsServiceId: ids.get(DEMO_RESULTS_SERVICE.code) ?? null } });
  for (const counter of DEMO_COUNTERS) {
    await ctx.queue.call('createCounter', {
      number: counter.number,
      name: `Quầy ${counter.number}`,
      status: 'open',
      serviceIds: counter.services.map((code) => ids.get(code) ?? 0),
    });
  }
  for (const user of DEMO_USERS) {
    await ctx.access.createUser({ ...user, password: DEMO_PASSWORD });
  }
  await ctx.access.setPin(DEMO_COUNTER_CLERK, DEMO_PIN);
}
