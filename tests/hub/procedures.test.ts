import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

const PORTAL = 'https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=';

/** The procedures catalogue over HTTP: public reads, admin changes through the queue worker, audited and announced. */
describe('the procedures catalogue', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await createTestHub();
  });
  afterEach(() => hub.close());

  const send = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, token: string | null = hub.tokens.admin) =>
    hub.app.inject({ method, url, headers: token ? bearer(token) : {}, payload: body as Record<string, unknown> });
  const list = async (query = '') => {
    const reply = await send('GET', `/api/procedures${query}`, undefined, null);
    expect(reply.statusCode, reply.body).toBe(200);
    return reply.json<{ code: string; name: string }[]>().map((procedure) => procedure.code);
  };
  const khaiSinh = () => ({
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    nameEn: 'Birth registration',
    serviceId: hub.centre.b.id,
    processingDays: 0,
    fee: 'Miễn lệ phí',
    feeAmount: null,
    documents: [
      { name: 'Tờ khai đăng ký khai sinh', original: 1, copies: null },
      { name: 'Giấy chứng sinh', original: 1, copies: 0 },
    ],
    applicants: 'Cha, mẹ hoặc người thân thích của trẻ',
    level: 'toan-trinh',
    portalUrl: `${PORTAL}1.001193`,
    active: true,
  });
  const create = async (body: Record<string, unknown>) => {
    const reply = await send('POST', '/api/procedures', body);
    expect(reply.statusCode, reply.body).toBe(201);
    return reply.json<{ id: number }>();
  };

  it('an admin adds one (201): stored as given, answered to anyone without sign-in, defaults for what is left out', async () => {
    const created = await create(khaiSinh());
    expect(created).toEqual({ id: expect.any(Number), ...khaiSinh() });
    const one = await send('GET', `/api/procedures/${created.id}`, undefined, null);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(created);

    const bare = await create({ code: '1.000948.H38', name: 'Đăng ký kết hôn', serviceId: hub.centre.b.id, processingDays: 3, level: 'mot-phan' });
    expect(bare).toMatchObject({ nameEn: null, fee: '', feeAmount: null, documents: [], applicants: '', portalUrl: null, active: true });
    expect((await send('GET', '/api/procedures/9999', undefined, null)).json()).toMatchObject({ error: { code: 'procedure.not_found' } });
  });

  it('finds "Đăng ký khai sinh" by "dang ky khai sinh" (every word, any accents, any case), or by its code', async () => {
    await create(khaiSinh());
    await create({ ...khaiSinh(), code: '1.000894', name: 'Đăng ký kết hôn', portalUrl: null });
    await create({ ...khaiSinh(), code: '2.000635', name: 'Cấp bản sao trích lục hộ tịch, bản sao Giấy khai sinh', portalUrl: null });
    expect(await list('?q=dang%20ky%20khai%20sinh')).toEqual(['1.001193']);
    expect(await list(`?q=${encodeURIComponent('ĐĂNG KÝ  khai SINH')}`)).toEqual(['1.001193']);
    expect(await list('?q=khai%20sinh')).toEqual(['2.000635', '1.001193']); // c... before d...
    expect(await list('?q=dang%20ky')).toEqual(['1.000894', '1.001193']); // kết before khai
    expect(await list('?q=1.000894')).toEqual(['1.000894']);
    expect(await list('?q=khai%20tu')).toEqual([]);
    expect(await list('?q=')).toHaveLength(3);
  });

  it('lists active procedures by service (in the services\u2019 order), then by name; filters by service; hides inactive ones', async () => {
    const land = await create({ ...khaiSinh(), code: '1.012812', name: 'Hòa giải tranh chấp đất đai', serviceId: hub.centre.a.id, portalUrl: null });
    await create({ ...khaiSinh(), code: '2.000815', name: 'Chứng thực bản sao từ bản chính', serviceId: hub.centre.c.id });
    await create(khaiSinh());
    await create({ ...khaiSinh(), code: '1.000894', name: 'Đăng ký kết hôn' });
    await create({ ...khaiSinh(), code: '1.004873', name: 'Cấp Giấy xác nhận tình trạng hôn nhân' });
    expect(await list()).toEqual(['1.012812', '1.004873', '1.000894', '1.001193', '2.000815']);
    expect(await list(`?serviceId=${hub.centre.b.id}`)).toEqual(['1.004873', '1.000894', '1.001193']);
    expect(await list(`?serviceId=${hub.centre.b.id}&q=ket%20hon`)).toEqual(['1.000894']);

    expect((await send('PATCH', `/api/procedures/${land.id}`, { active: false })).statusCode).toBe(200);
    expect(await list()).toEqual(['1.004873', '1.000894', '1.001193', '2.000815']);
    expect(await list(`?serviceId=${hub.centre.a.id}`)).toEqual([]);
    expect(await list('?includeInactive=true')).toContain('1.012812');
    // Still readable by id (the console switches it back on from there).
    expect((await send('GET', `/api/procedures/${land.id}`, undefined, null)).json()).toMatchObject({ code: '1.012812', active: false });
  });

  it('an admin changes one (PATCH): the search follows a new name; audited and announced as config.changed', async () => {
    const seq = hub.ctx.queueStore.events.lastSeq();
    const created = await create(khaiSinh());
    const patched = await send('PATCH', `/api/procedures/${created.id}`, { name: 'Đăng ký khai sinh lưu động', processingDays: 5, feeAmount: 8000 });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toEqual({ ...khaiSinh(), id: created.id, name: 'Đăng ký khai sinh lưu động', processingDays: 5, feeAmount: 8000 });
    expect(await list('?q=luu%20dong')).toEqual(['1.001193']);

    const events = hub.ctx.queueStore.events.messagesSince(seq, 10).map((message) => JSON.parse(message) as { type: string; what?: string });
    expect(events).toEqual([expect.objectContaining({ type: 'config.changed', what: 'procedures' }), expect.objectContaining({ type: 'config.changed', what: 'procedures' })]);
    const [updated, added] = hub.ctx.audit.list({ limit: 2, actions: ['procedure.created', 'procedure.updated'] });
    expect(added).toMatchObject({ action: 'procedure.created', actor: { type: 'user', name: 'admin1' }, details: { procedureId: created.id, code: '1.001193', serviceId: hub.centre.b.id } });
    expect(updated).toMatchObject({
      action: 'procedure.updated',
      actor: { type: 'user', name: 'admin1' },
      details: { procedureId: created.id, code: '1.001193', changes: { name: 'Đăng ký khai sinh lưu động', processingDays: 5, feeAmount: 8000 } },
    });
    // The console's configuration filter takes them.
    const audit = await send('GET', '/api/audit?action=config.', undefined, hub.tokens.technician);
    expect(
      audit
        .json<{ entries: { action: string }[] }>()
        .entries.slice(0, 2)
        .map((entry) => entry.action),
    ).toEqual(['procedure.updated', 'procedure.created']);
  });

  it('is changed by an admin only; read by anyone', async () => {
    for (const token of [hub.tokens.technician, hub.tokens.staff]) {
      expect((await send('POST', '/api/procedures', khaiSinh(), token)).json()).toMatchObject({ error: { code: 'auth.forbidden' } });
    }
    expect((await send('POST', '/api/procedures', khaiSinh(), null)).statusCode).toBe(401);
    const created = await create(khaiSinh());
    expect((await send('PATCH', `/api/procedures/${created.id}`, { active: false }, hub.tokens.staff)).statusCode).toBe(403);
    const kiosk = (await hub.pairDevice('kiosk')).token;
    expect((await send('GET', '/api/procedures', undefined, kiosk)).json()).toHaveLength(1);
  });

  it('refuses bad input with a stable code and a message a technician can act on', async () => {
    const bad = async (body: Record<string, unknown>, method: 'POST' | 'PATCH' = 'POST', url = '/api/procedures') =>
      (await send(method, url, body)).json<{ error: { code: string; message: string } }>().error;
    expect(await bad({ ...khaiSinh(), code: '1-001193' })).toMatchObject({ code: 'request.invalid', message: expect.stringMatching(/^body\.code must match pattern/) });
    expect(await bad({ ...khaiSinh(), processingDays: -1 })).toMatchObject({ code: 'request.invalid', message: 'body.processingDays must be >= 0' });
    expect(await bad({ ...khaiSinh(), level: 'online' })).toMatchObject({ code: 'request.invalid', message: 'body.level must be one of: mot-phan, toan-trinh' });
    expect(await bad({ ...khaiSinh(), portalUrl: 'dichvucong.gov.vn' })).toMatchObject({ code: 'request.invalid', message: expect.stringMatching(/^body\.portalUrl/) });
    expect(await bad({ ...khaiSinh(), documents: [{ name: 'x', original: 1 }] })).toMatchObject({ code: 'request.invalid', message: 'body.documents.0 is missing the field "copies"' });
    expect(await bad({ ...khaiSinh(), name: '   ' })).toMatchObject({ code: 'procedure.invalid', message: 'procedure 1.001193: name must not be empty' });
    expect(await bad({ ...khaiSinh(), portalUrl: 'https://' })).toMatchObject({ code: 'request.invalid' });
    expect(await bad({ ...khaiSinh(), portalUrl: 'http://[' })).toMatchObject({ code: 'procedure.invalid', message: expect.stringMatching(/^procedure 1\.001193: portalUrl must be an http/) });
    expect(await bad({ ...khaiSinh(), portalUrl: 'http://a b' })).toMatchObject({ code: 'request.invalid' });
    expect(await bad({ ...khaiSinh(), serviceId: 999 })).toEqual({ code: 'service.not_found', message: 'procedure 1.001193: there is no service with id 999 (see GET /api/services)' });

    const created = await create(khaiSinh());
    const taken = await send('POST', '/api/procedures', { ...khaiSinh(), name: 'Khác' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toEqual({ code: 'procedure.code_taken', message: 'another procedure already has code 1.001193' });
    const other = await create({ ...khaiSinh(), code: '1.000894', name: 'Đăng ký kết hôn' });
    expect((await send('PATCH', `/api/procedures/${other.id}`, { code: '1.001193' })).statusCode).toBe(409);
    expect(await bad({ serviceId: 999 }, 'PATCH', `/api/procedures/${created.id}`)).toMatchObject({ code: 'service.not_found' });
    expect(await bad({}, 'PATCH', `/api/procedures/${created.id}`)).toMatchObject({ code: 'request.invalid' });
    expect(await bad({ active: false }, 'PATCH', '/api/procedures/9999')).toMatchObject({ code: 'procedure.not_found' });
    // Nothing was changed by the refusals.
    expect((await send('GET', `/api/procedures/${created.id}`, undefined, null)).json()).toEqual({ id: created.id, ...khaiSinh() });
  });
});
