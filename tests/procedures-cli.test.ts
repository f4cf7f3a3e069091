import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROCEDURE_COLUMNS } from '@qms/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQmsAsync } from './support/hub-process.js';
import { createTestHub, type TestHub } from './support/test-hub.js';
import { tempDir } from './support/temp-dir.js';

const HEADER = PROCEDURE_COLUMNS.join(',');

/** `qms procedures import` as a technician runs it on the hub machine, here while the hub (the test hub on the same data directory) runs. */
describe('qms procedures import', () => {
  let hub: TestHub;
  const files = tempDir();
  const file = (name: string, content: string) => {
    const path = join(files.path, name);
    writeFileSync(path, content);
    return path;
  };
  const listed = async () => (await hub.app.inject({ method: 'GET', url: '/api/procedures' })).json<{ code: string; name: string }[]>().map((procedure) => procedure.code);

  beforeAll(async () => {
    hub = await createTestHub();
  });
  afterAll(async () => {
    await hub.close();
    files.cleanup();
  });

  it('imports a good CSV file, prints what it added and updated; the running hub lists it at once; audited as the command', async () => {
    const csv = file(
      'catalogue.csv',
      `\uFEFF${HEADER}\r\n1.001193,Đăng ký khai sinh,,ho-tich,0,Miễn lệ phí,,"Tờ khai|1|",,toan-trinh,https://dichvucong.gov.vn/,\r\n2.000815,"Chứng thực bản sao, từ bản chính",,chung-thuc,0,2.000 đồng/trang,2000,,,mot-phan,,\r\n`,
    );
    const result = await runQmsAsync(['procedures', 'import', csv, '--data', hub.dataDir]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`imported 2 procedures from ${csv}: 2 added, 0 updated, 0 unchanged\n`);
    expect(await listed()).toEqual(['1.001193', '2.000815']);
    const [entry] = hub.ctx.audit.list({ limit: 1 });
    expect(entry).toMatchObject({ action: 'procedure.imported', actor: { type: 'system', name: expect.stringMatching(/^qms command \(/) }, details: { format: 'csv', added: 2 } });

    const again = await runQmsAsync(['procedures', 'import', csv, '--data', hub.dataDir]);
    expect(again.stdout).toBe(`imported 2 procedures from ${csv}: 0 added, 0 updated, 2 unchanged\n`);
  });

  it('prints every problem on its own line, exits 1 and imports nothing', async () => {
    const before = await listed();
    const bad = file('bad.csv', `${HEADER}\n1.000894,Đăng ký kết hôn,,ho-tich,0,,,,,mot-phan,,\n1.000656,,,ho-tich,-1,,,,,mot-phan,,\nabc,Chứng thực chữ ký,,no-such-field,0,,,,,mot-phan,,\n`);
    const result = await runQmsAsync(['procedures', 'import', bad, '--data', hub.dataDir]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      `qms: 4 problems in ${bad}, nothing was imported:`,
      '  row 3, processingDays: "-1" must be a whole number of working days (0 = the same day)',
      '  row 3, name: must not be empty',
      '  row 4, field: no service has code "no-such-field" (the services: dat-dai, ho-tich, chung-thuc)',
      '  row 4, code: "abc" is not a national procedure code: digit groups joined by dots (1.004227), optionally followed by letter or digit groups (1.000948.H38)',
      '',
    ]);
    expect(await listed()).toEqual(before);
  });

  it('imports JSON (by its file name) and replaces the catalogue with --replace', async () => {
    const json = file('catalogue.json', JSON.stringify([{ code: '1.000894', name: 'Đăng ký kết hôn', field: 'ho-tich', processingDays: 0, level: 'mot-phan' }]));
    const result = await runQmsAsync(['procedures', 'import', json, '--replace', '--data', hub.dataDir]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`imported 1 procedure from ${json}: 1 added, 0 updated, 0 unchanged, 2 removed\n`);
    expect(await listed()).toEqual(['1.000894']);
  });

  it('says what is wrong with the command line', async () => {
    const missing = await runQmsAsync(['procedures', 'import', join(files.path, 'nope.csv'), '--data', hub.dataDir]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no file at .*nope\.csv/);
    const empty = tempDir();
    const noHub = await runQmsAsync(['procedures', 'import', file('x.csv', HEADER), '--data', empty.path]);
    expect(noHub.status).toBe(1);
    expect(noHub.stderr).toMatch(/no hub database at/);
    empty.cleanup();
    const help = await runQmsAsync(['procedures', 'import', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/code,name,nameEn,field,processingDays,fee,feeAmount,documents,applicants,level,portalUrl,active/);
    expect(help.stdout).toMatch(/--replace/);
  });
});
