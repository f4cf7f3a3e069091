import { join } from 'node:path';
import type { CounterAgent } from '@qms/counter';
import { VirtualPrinter, VirtualScanner } from '@qms/simulators';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedInCounter as signedInCounterAt } from '../support/counter-station.js';
import { openSerialPair, type SerialPair } from '../support/serial-pair.js';
import { tempDir } from '../support/temp-dir.js';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

const CCCD = '001203012345|123456789|Nguyễn Văn An|15081990|Nam|Số 12, thôn Đông, xã Hòa Bình|20042021';
const ID_NUMBER = '001203012345';

/**
 * The counter agent's receiving of applications, in this process against the hub's app on loopback
 * (real HTTP and SQLite), its scanner on a socat pair and its printer the virtual one: what it keeps
 * of a citizen, and for how long.
 */
describe('counter agent: receiving applications', () => {
  let hub: TestHub;
  let dir: ReturnType<typeof tempDir>;
  let serial: SerialPair;
  let printer: VirtualPrinter;
  let stop: (() => Promise<void>) | undefined;
  let procedureId: number;
  const logs: string[] = [];

  beforeEach(async () => {
    hub = await createTestHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    const procedure = await hub.app.inject({
      method: 'POST',
      url: '/api/procedures',
      headers: bearer(hub.tokens.admin),
      payload: { code: '1.001193', name: 'Đăng ký khai sinh', serviceId: hub.centre.b.id, processingDays: 3, level: 'mot-phan', documents: [{ name: 'Tờ khai', original: 1, copies: null }] },
    });
    procedureId = procedure.json<{ id: number }>().id;
    dir = tempDir('qms-counter-desk-');
    serial = await openSerialPair(join(dir.path, 'ttyScanner'), join(dir.path, 'ttyWire'));
    printer = new VirtualPrinter();
    logs.length = 0;
  });
  afterEach(async () => {
    await stop?.();
    stop = undefined;
    await printer.close();
    await serial.close();
    await hub.close();
    dir.cleanup();
  });

  async function signedInCounter(): Promise<CounterAgent> {
    const printerPort = await printer.listen(0);
    const counter = await signedInCounterAt(hub, dir.path, {
      settings: { printer: { interface: `tcp://127.0.0.1:${printerPort}` }, scanner: { path: serial.a } },
      log: (level, message) => logs.push(`${level} ${message}`),
    });
    stop = counter.stop;
    return counter.agent;
  }

  async function scanCard(agent: CounterAgent): Promise<void> {
    const scanner = new VirtualScanner(serial.b);
    await scanner.ready();
    await scanner.scan(CCCD);
    await scanner.close();
    await expect.poll(() => agent.view().desk.scanned?.idMasked, { timeout: 5_000 }).toBe('001******345');
  }

  it('holds the scanned number only until the submit: masked in the view, never logged, sent once, then gone', async () => {
    const agent = await signedInCounter();
    await scanCard(agent);
    expect(agent.view().desk.scanned).toMatchObject({ fullName: 'Nguyễn Văn An', address: 'Số 12, thôn Đông, xã Hòa Bình' });
    expect(JSON.stringify(agent.view())).not.toContain(ID_NUMBER);

    const params = { procedureId, applicant: { fullName: 'Nguyễn Văn An' }, useScannedId: true, documents: [{ name: 'Tờ khai', original: 1, copies: null }], channel: 'counter' as const };
    const received = await agent.handlers.receiveApplication(params);
    expect(received).toMatchObject({ code: expect.stringMatching(/-0001$/), applicant: { fullName: 'Nguyễn Văn An', idMasked: '001******345' } });
    expect(agent.view().desk.scanned).toBeNull();
    // The same submit again has no number to send: it says so instead of sending none.
    await expect(agent.handlers.receiveApplication(params)).rejects.toMatchObject({ code: 'counter.no_scan' });
    expect(logs.join('\n')).toContain('CCCD scanned');
    expect(logs.join('\n')).not.toContain(ID_NUMBER);

    // The hub has the masked number only.
    const list = await hub.app.inject({ method: 'GET', url: '/api/applications', headers: bearer(hub.tokens.admin) });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json<{ entries: { applicant: { idMasked: string } }[] }>().entries.map((e) => e.applicant.idMasked)).toEqual(['001******345']);
    expect(list.body).not.toContain(ID_NUMBER);
  });

  it('prints the receipt, makes the PDF; keeps the last five receipts only, and none after the clerk signs out', async () => {
    const agent = await signedInCounter();
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const received = await agent.handlers.receiveApplication({ procedureId, applicant: { fullName: `Công dân ${i}`, idNumber: '079203000111' }, documents: [], channel: 'post' });
      ids.push(received.id);
    }
    expect(await agent.handlers.printApplicationReceipt({ applicationId: ids[5] as number })).toEqual({ ok: true });
    expect(printer.receipts.at(-1)?.barcodes).toHaveLength(1);
    // The oldest of six is no longer kept.
    await expect(agent.handlers.printApplicationReceipt({ applicationId: ids[0] as number })).rejects.toMatchObject({ code: 'application.receipt_gone' });

    const { url } = await agent.handlers.applicationPdf({ applicationId: ids[5] as number });
    const name = url.replace(/^documents\//, '');
    expect(name).toMatch(/^[0-9a-f]{24}\.pdf$/);
    const pdf = agent.documents.get(name);
    expect(pdf?.type).toBe('application/pdf');
    expect(pdf?.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(agent.documents.get('0123456789abcdef01234567.pdf')).toBeNull();

    await agent.logout('test');
    expect(agent.documents.get(name)).toBeNull();
    await expect(agent.handlers.applicationPdf({ applicationId: ids[5] as number })).rejects.toMatchObject({ code: 'counter.not_signed_in' });
  });

  it('names the refusals: a procedure switched off, a bad CCCD number, no clerk signed in', async () => {
    const agent = await signedInCounter();
    const body = { procedureId, applicant: { fullName: 'Trần Thị Bình' }, documents: [], channel: 'counter' as const };
    await expect(agent.handlers.receiveApplication({ ...body, applicant: { fullName: 'Trần Thị Bình', idNumber: '12345' } })).rejects.toMatchObject({ code: 'request.invalid' });
    await hub.app.inject({ method: 'PATCH', url: `/api/procedures/${procedureId}`, headers: bearer(hub.tokens.admin), payload: { active: false } });
    await expect(agent.handlers.receiveApplication(body)).rejects.toMatchObject({ code: 'procedure.inactive' });
    await agent.logout('test');
    await expect(agent.handlers.receiveApplication(body)).rejects.toMatchObject({ code: 'counter.not_signed_in' });
  });
});
