import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

const TEXTS = {
  centreName: 'UBND phường Bến Nghé – Một cửa',
  hotline: '1900 1234',
  marquee: 'Tuần này: đăng ký khai sinh trực tuyến',
  portalUrl: 'https://dichvucong.hochiminhcity.gov.vn',
};

/** The centre's texts the stations show, kept in the hub's settings (GET/PATCH /api/settings). */
describe("the centre's texts in the hub's settings", () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await createTestHub();
  });
  afterEach(() => hub.close());

  const patch = (body: unknown, token = hub.tokens.admin) => hub.app.inject({ method: 'PATCH', url: '/api/settings', headers: bearer(token), payload: body as Record<string, unknown> });
  const settings = async () => (await hub.app.inject({ method: 'GET', url: '/api/settings', headers: bearer(hub.tokens.staff) })).json();
  const stored = () => hub.ctx.db.prepare("SELECT key, value FROM settings WHERE key LIKE 'centre.%' ORDER BY key").all();

  it('are not set on a new hub (null: each station shows its own)', async () => {
    expect(await settings()).toMatchObject({ centreName: null, hotline: null, marquee: null, portalUrl: null });
    expect(stored()).toEqual([]);
  });

  it('an admin sets them, they are stored, answered, audited and announced as config.changed; null forgets one', async () => {
    const seq = hub.ctx.queueStore.events.lastSeq();
    const set = await patch(TEXTS);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ ...TEXTS, maxWaitMinutes: 45 });
    expect(await settings()).toMatchObject(TEXTS);
    expect(stored()).toEqual([
      { key: 'centre.hotline', value: TEXTS.hotline },
      { key: 'centre.marquee', value: TEXTS.marquee },
      { key: 'centre.name', value: TEXTS.centreName },
      { key: 'centre.portal_url', value: TEXTS.portalUrl },
    ]);
    const events = hub.ctx.queueStore.events.messagesSince(seq, 10).map((message) => JSON.parse(message) as { type: string; what?: string });
    expect(events).toEqual([expect.objectContaining({ type: 'config.changed', what: 'settings' })]);
    const [entry] = hub.ctx.audit.list({ limit: 1 });
    expect(entry).toMatchObject({
      action: 'settings.updated',
      details: {
        changes: {
          centreName: { from: null, to: TEXTS.centreName },
          hotline: { from: null, to: TEXTS.hotline },
          marquee: { from: null, to: TEXTS.marquee },
          portalUrl: { from: null, to: TEXTS.portalUrl },
        },
      },
    });

    const cleared = await patch({ marquee: null, centreName: 'Một cửa' });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(await settings()).toMatchObject({ ...TEXTS, marquee: null, centreName: 'Một cửa' });
    expect(stored()).not.toContainEqual(expect.objectContaining({ key: 'centre.marquee' }));
    // The queue rules are untouched by a change of the texts.
    expect(await settings()).toMatchObject({ maxWaitMinutes: 45, ratingScale: 4 });
  });

  it('refuses a portal URL that is not http(s), an empty name, a number, a too long line (400 request.invalid), changing nothing', async () => {
    const refusals: Record<string, unknown>[] = [
      { portalUrl: 'dichvucong.gov.vn' },
      { portalUrl: 'ftp://dichvucong.gov.vn' },
      { portalUrl: 'https://dichvucong.gov.vn/a b' },
      { centreName: '' },
      { hotline: 19001234 },
      { marquee: 'x'.repeat(501) },
      // One bad field refuses the whole patch.
      { centreName: 'Một cửa', portalUrl: 'javascript:alert(1)' },
    ];
    for (const body of refusals) {
      const refused = await patch(body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.json().error.code).toBe('request.invalid');
    }
    expect(stored()).toEqual([]);
  });

  it('only an admin changes them', async () => {
    expect((await patch({ centreName: 'X' }, hub.tokens.technician)).statusCode).toBe(403);
    expect((await patch({ centreName: 'X' }, hub.tokens.staff)).statusCode).toBe(403);
    expect(stored()).toEqual([]);
  });
});
