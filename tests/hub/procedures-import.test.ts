import { readFileSync } from 'node:fs';
import { PROCEDURE_COLUMNS } from '@qms/core';
import { DEMO_SERVICES, SAMPLE_PROCEDURES_FILE, seedDemoProcedures } from '@qms/hub';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

const HEADER = PROCEDURE_COLUMNS.join(',');
const PORTAL = 'https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=';
/** Two procedures, with a BOM, CRLF, quoted commas, quotes and a line break inside a cell. */
const GOOD_CSV = [
  `\uFEFF${HEADER}`,
  `1.001193,Đăng ký khai sinh,Birth registration,ho-tich,0,Miễn lệ phí,,"Tờ khai đăng ký khai sinh|1|;Giấy chứng sinh|1|","Cha, mẹ, ông, bà ""hoặc"" người thân",toan-trinh,${PORTAL}1.001193,true`,
  `2.000815.000.00.00.H55,"Chứng thực bản sao từ bản chính",Certified copy,chung-thuc,0,"2.000 đồng/trang;
từ trang thứ ba 1.000 đồng/trang",2000,Bản chính|1|;Bản sao||1,"Cá nhân, tổ chức",mot-phan,,`,
  '',
].join('\r\n');

describe('importing a procedures catalogue', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await createTestHub();
  });
  afterEach(() => hub.close());

  const importFile = (body: Record<string, unknown>, token = hub.tokens.admin) => hub.app.inject({ method: 'POST', url: '/api/procedures/import', headers: bearer(token), payload: body });
  const codes = async () => (await hub.app.inject({ method: 'GET', url: '/api/procedures?includeInactive=true' })).json<{ id: number; code: string }[]>();
  const imported = () => hub.ctx.audit.list({ limit: 10, actions: ['procedure.imported'] });

  it('imports a good CSV file (BOM, quotes, line breaks in cells): added by code, audited, announced', async () => {
    const seq = hub.ctx.queueStore.events.lastSeq();
    const reply = await importFile({ format: 'csv', content: GOOD_CSV });
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.json()).toEqual({ procedures: 2, added: 2, updated: 0, unchanged: 0, removed: 0 });
    const [birth, copy] = await codes(); // ho-tich comes before chung-thuc
    expect(birth).toMatchObject({
      code: '1.001193',
      serviceId: hub.centre.b.id,
      applicants: 'Cha, mẹ, ông, bà "hoặc" người thân',
      documents: [
        { name: 'Tờ khai đăng ký khai sinh', original: 1, copies: null },
        { name: 'Giấy chứng sinh', original: 1, copies: null },
      ],
      portalUrl: `${PORTAL}1.001193`,
    });
    expect(copy).toMatchObject({ code: '2.000815.000.00.00.H55', serviceId: hub.centre.c.id, fee: '2.000 đồng/trang;\ntừ trang thứ ba 1.000 đồng/trang', feeAmount: 2000, portalUrl: null });
    expect(imported()).toEqual([
      expect.objectContaining({
        action: 'procedure.imported',
        actor: expect.objectContaining({ name: 'admin1' }),
        details: { format: 'csv', replace: false, procedures: 2, added: 2, updated: 0, unchanged: 0, removed: 0 },
      }),
    ]);
    const events = hub.ctx.queueStore.events.messagesSince(seq, 10).map((message) => JSON.parse(message) as { type: string; what?: string });
    expect(events).toEqual([expect.objectContaining({ type: 'config.changed', what: 'procedures' })]);

    // The same file again changes nothing; a changed row is updated in place (same id).
    expect((await importFile({ format: 'csv', content: GOOD_CSV })).json()).toEqual({ procedures: 2, added: 0, updated: 0, unchanged: 2, removed: 0 });
    const again = await importFile({ format: 'csv', content: GOOD_CSV.replace(',0,Miễn lệ phí,', ',1,Miễn lệ phí,') });
    expect(again.json()).toEqual({ procedures: 2, added: 0, updated: 1, unchanged: 1, removed: 0 });
    expect((await codes()).find((procedure) => procedure.code === '1.001193')).toMatchObject({ id: birth?.id, processingDays: 1 });
  });

  it('imports a good JSON file', async () => {
    const content = JSON.stringify([
      { code: '1.000894', name: 'Đăng ký kết hôn', field: 'ho-tich', processingDays: 0, level: 'mot-phan', documents: [{ name: 'Tờ khai đăng ký kết hôn', original: 1, copies: null }] },
      { code: '1.012812', name: 'Hòa giải tranh chấp đất đai', nameEn: 'Land dispute mediation', field: 'dat-dai', processingDays: 30, level: 'mot-phan', active: false },
    ]);
    const reply = await importFile({ format: 'json', content });
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.json()).toMatchObject({ procedures: 2, added: 2 });
    expect(await codes()).toMatchObject([
      { code: '1.012812', serviceId: hub.centre.a.id, active: false },
      { code: '1.000894', serviceId: hub.centre.b.id, documents: [{ name: 'Tờ khai đăng ký kết hôn', original: 1, copies: null }] },
    ]);
  });

  it('imports nothing from a file with bad rows, and reports every problem (row, column, reason)', async () => {
    await importFile({ format: 'csv', content: GOOD_CSV });
    const before = await codes();
    const seq = hub.ctx.queueStore.events.lastSeq();
    const content = [
      HEADER,
      `1.000894,Đăng ký kết hôn,,ho-tich,0,,,,,mot-phan,,`, // good, but not imported either
      `1.000656,Đăng ký khai tử,,ho-tich,two,,,,,mot-phan,,`,
      `1.004873,,,kinh-doanh,1,,,,,toan-trinh,,`,
      `x.1,"Chứng thực chữ ký",,chung-thuc,0,,10.000,,,mot-phan,www.example.vn,`,
    ].join('\n');
    const reply = await importFile({ format: 'csv', content });
    expect(reply.statusCode).toBe(400);
    const { error } = reply.json<{ error: { code: string; message: string; details: { problems: { row: number; column: string; reason: string }[] } } }>();
    expect(error.code).toBe('procedure.import_invalid');
    expect(error.message).toBe('6 problems in the file, nothing was imported; the first: row 3, processingDays: "two" must be a whole number of working days (0 = the same day)');
    expect(error.details.problems.map(({ row, column }) => `${row} ${column}`)).toEqual(['3 processingDays', '4 field', '4 name', '5 feeAmount', '5 code', '5 portalUrl']);
    expect(error.details.problems[1]?.reason).toBe('no service has code "kinh-doanh" (the services: dat-dai, ho-tich, chung-thuc)');
    expect(await codes()).toEqual(before);
    expect(imported()).toHaveLength(1);
    expect(hub.ctx.queueStore.events.lastSeq()).toBe(seq);

    const json = await importFile({ format: 'json', content: '{"code": "1.000894"}' });
    expect(json.json().error).toMatchObject({ code: 'procedure.import_invalid', details: { problems: [{ row: null, column: null, reason: expect.stringMatching(/must be a JSON array/) }] } });
  });

  it('replaces the whole catalogue when asked: codes not in the file are removed, the others keep their ids', async () => {
    await importFile({ format: 'csv', content: GOOD_CSV });
    const birth = (await codes()).find((procedure) => procedure.code === '1.001193');
    const content = `${HEADER}\n1.001193,Đăng ký khai sinh,Birth registration,ho-tich,0,Miễn lệ phí,,,,toan-trinh,,\n1.000894,Đăng ký kết hôn,,ho-tich,0,,,,,mot-phan,,\n`;
    const reply = await importFile({ format: 'csv', content, replace: true });
    expect(reply.json()).toEqual({ procedures: 2, added: 1, updated: 1, unchanged: 0, removed: 1 });
    expect((await codes()).map((procedure) => procedure.code)).toEqual(['1.000894', '1.001193']);
    expect((await codes()).find((procedure) => procedure.code === '1.001193')?.id).toBe(birth?.id);
    expect(imported()[0]?.details).toMatchObject({ replace: true, removed: 1 });
  });

  it('takes a body up to 2 MB on this route only', async () => {
    const filler = `"${'x'.repeat(900)}"`;
    const rows = Array.from({ length: 200 }, (_, i) => `1.${String(100000 + i)},Thủ tục ${i},,ho-tich,1,${filler},,,,mot-phan,,`);
    const content = `${HEADER}\n${rows.join('\n')}\n`;
    expect(content.length).toBeGreaterThan(180_000);
    const reply = await importFile({ format: 'csv', content });
    expect(reply.statusCode, reply.body.slice(0, 300)).toBe(200);
    expect(reply.json()).toMatchObject({ added: 200 });
    const tooLarge = await importFile({ format: 'csv', content: 'x'.repeat(2 * 1024 * 1024 + 10) });
    expect(tooLarge.statusCode).toBe(413);
    const elsewhere = await hub.app.inject({ method: 'POST', url: '/api/procedures', headers: bearer(hub.tokens.admin), payload: { code: '1.2', name: 'x'.repeat(70_000) } });
    expect(elsewhere.statusCode).toBe(413);
  });

  it('is for an admin only', async () => {
    expect((await importFile({ format: 'csv', content: GOOD_CSV }, hub.tokens.technician)).json().error.code).toBe('auth.forbidden');
    expect(await codes()).toEqual([]);
  });
});

describe('the sample catalogue of the demo', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await createTestHub();
  });
  afterEach(() => hub.close());

  it('imports cleanly into the demo centre: at least 30 procedures, every demo field covered', async () => {
    // The test centre has three of the demo's fields: add the others.
    const existing = new Set(hub.ctx.queueStore.listServices().map((service) => service.code));
    for (const [index, service] of DEMO_SERVICES.entries()) {
      if (!existing.has(service.code)) await hub.ctx.queue.call('createService', { ...service, prefix: String.fromCharCode(0x4b + index), position: 10 + index });
    }
    const added = await seedDemoProcedures(hub.ctx);
    expect(added).toBeGreaterThanOrEqual(30);
    const listed = (await hub.app.inject({ method: 'GET', url: '/api/procedures' })).json<{ serviceId: number; code: string; portalUrl: string | null }[]>();
    expect(listed).toHaveLength(added);
    const services = hub.ctx.queueStore.listServices();
    for (const { code } of DEMO_SERVICES) {
      const service = services.find((candidate) => candidate.code === code);
      expect(
        listed.filter((procedure) => procedure.serviceId === service?.id),
        code,
      ).not.toHaveLength(0);
    }
    // The search works on the real names: the sample has the common ones.
    const birth = (await hub.app.inject({ method: 'GET', url: '/api/procedures?q=dang%20ky%20khai%20sinh' })).json<{ code: string }[]>();
    expect(birth.map((procedure) => procedure.code)).toContain('1.001193');
    // Every procedure links to its page on the portal, given in the file.
    for (const procedure of listed) expect(procedure.portalUrl).toMatch(/^https:\/\/dichvucong\.gov\.vn\//);
    expect(readFileSync(SAMPLE_PROCEDURES_FILE, 'utf8').split('\n')[0]).toBe(PROCEDURE_COLUMNS.join(','));
  });
});
