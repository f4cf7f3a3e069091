import { join } from 'node:path';
import { buildReceiptJob, ReceiptPrinter } from '@qms/printer';
import { VirtualPrinter } from '@qms/simulators';
import { afterEach, describe, expect, it } from 'vitest';
import { openSerialPair, type SerialPair } from '../support/serial-pair.js';
import { tempDir } from '../support/temp-dir.js';
import { RECEIPT } from './fixtures.js';

const JOB = buildReceiptJob(RECEIPT, { type: 'epson', widthDots: 576, encoding: 'raster' });

/** The real driver against the virtual printer, over TCP and over pseudo-terminals. */
describe('receipt printer driver', () => {
  const dir = tempDir();
  let printer: VirtualPrinter | undefined;
  let pair: SerialPair | undefined;
  afterEach(async () => {
    await printer?.close();
    await pair?.close();
  });

  async function tcpPrinter() {
    printer = new VirtualPrinter({ outputDir: join(dir.path, 'out') });
    const port = await printer.listen(0);
    return new ReceiptPrinter(`tcp://127.0.0.1:${port}`, { timeoutMs: 1_000 });
  }

  it('prints over TCP: done once the printer answered after the job, the receipt written out', async () => {
    const driver = await tcpPrinter();
    const result = await driver.print({ id: 'ticket-1', bytes: JOB });
    expect(result).toMatchObject({ ok: true, jobId: 'ticket-1', duplicate: false, status: { online: true, paper: 'ok' } });
    expect(printer!.receipts).toHaveLength(1);
    const [receipt] = printer!.receipts;
    expect(receipt!.qr).toEqual([RECEIPT.trackingUrl]);
    expect(receipt!.files?.png).toMatch(/receipt-0001\.png$/);
  });

  it('reports status: paper near end, paper out, cover open', async () => {
    const driver = await tcpPrinter();
    expect(await driver.status()).toEqual({ online: true, paper: 'ok', coverOpen: false, error: false });
    printer!.setPaper('near_end');
    expect((await driver.status()).paper).toBe('near_end');
    printer!.setPaper('out');
    expect(await driver.status()).toMatchObject({ paper: 'out', online: false });
    printer!.setPaper('ok');
    printer!.setCoverOpen(true);
    expect(await driver.status()).toMatchObject({ coverOpen: true, online: false });
  });

  it('out of paper: fails with the reason and sends nothing, so nothing prints later when paper is back', async () => {
    const driver = await tcpPrinter();
    printer!.setPaper('out');
    const result = await driver.print({ id: 'ticket-2', bytes: JOB });
    expect(result).toMatchObject({ ok: false, reason: 'paper_out', message: 'the printer is out of paper' });
    printer!.setPaper('ok');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(printer!.receipts).toHaveLength(0);
    // A deliberate reprint after paper is loaded prints exactly once.
    expect((await driver.print({ id: 'ticket-2', bytes: JOB })).ok).toBe(true);
    expect(printer!.receipts).toHaveLength(1);
  });

  it('a retried job that was done does not print twice', async () => {
    const driver = await tcpPrinter();
    expect((await driver.print({ id: 'ticket-3', bytes: JOB })).ok).toBe(true);
    expect(await driver.print({ id: 'ticket-3', bytes: JOB })).toMatchObject({ ok: true, duplicate: true });
    expect(printer!.receipts).toHaveLength(1);
  });

  it('a printer that cannot be reached fails fast with the reason', async () => {
    const driver = new ReceiptPrinter('tcp://127.0.0.1:1', { timeoutMs: 500 });
    const result = await driver.print({ id: 'ticket-4', bytes: JOB });
    expect(result).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('prints to a device file (a pseudo-terminal standing in for /dev/usb/lp0), status included', async () => {
    pair = await openSerialPair(join(dir.path, 'lp0'), join(dir.path, 'printer-side'));
    printer = new VirtualPrinter();
    await printer.attachDevice(pair.b);
    const driver = new ReceiptPrinter(pair.a, { timeoutMs: 1_000 });
    expect(await driver.status()).toMatchObject({ online: true, paper: 'ok' });
    expect(await driver.print({ id: 'file-1', bytes: JOB })).toMatchObject({ ok: true });
    await expect.poll(() => printer!.receipts.length).toBe(1);
    expect(printer.receipts[0]!.qr).toEqual([RECEIPT.trackingUrl]);
    printer.setPaper('out');
    expect(await driver.print({ id: 'file-2', bytes: JOB })).toMatchObject({ ok: false, reason: 'paper_out' });
  });

  it('prints to a serial printer through serialport', async () => {
    pair = await openSerialPair(join(dir.path, 'ttyS9'), join(dir.path, 'serial-side'));
    printer = new VirtualPrinter();
    await printer.attachDevice(pair.b);
    const driver = new ReceiptPrinter(`serial:${pair.a}?baud=115200`, { timeoutMs: 1_000 });
    expect(await driver.print({ id: 'serial-1', bytes: JOB })).toMatchObject({ ok: true });
    await expect.poll(() => printer!.receipts.length).toBe(1);
  });

  it('a device that never answers status is a timeout, not a hang', async () => {
    pair = await openSerialPair(join(dir.path, 'mute'), join(dir.path, 'mute-side'));
    const driver = new ReceiptPrinter(pair.a, { timeoutMs: 300 });
    const started = Date.now();
    expect(await driver.print({ id: 'mute-1', bytes: JOB })).toMatchObject({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('refuses a malformed interface with the accepted forms', () => {
    expect(() => new ReceiptPrinter('usb0')).toThrow(/tcp:\/\/HOST\[:PORT\], serial:\/dev\/… or an absolute device path/);
    expect(() => new ReceiptPrinter('tcp://host:99999')).toThrow(/out of range/);
  });
});
