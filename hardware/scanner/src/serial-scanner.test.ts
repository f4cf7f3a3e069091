import { openSync, closeSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSerialPair, type SerialPair } from '../../../tests/support/serial-pair.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { interpretScan } from './scan-result.js';
import { SerialScanner } from './serial-scanner.js';

const CCCD = '001203012345|123456789|Nguyễn Văn An|15081990|Nam|Số 12, thôn Đông, xã Hòa Bình, tỉnh Hưng Yên|20042021';

/** The real serialport driver on a socat pseudo-terminal pair: the test writes what a scanner would send. */
describe('serial scanner', () => {
  const dir = tempDir();
  let pair: SerialPair | undefined;
  let scanner: SerialScanner | undefined;
  afterEach(async () => {
    await scanner?.stop();
    await pair?.close();
  });

  const send = (path: string, text: string | Buffer) => {
    const fd = openSync(path, 'w');
    writeSync(fd, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
    closeSync(fd);
  };
  const nextScan = (source: SerialScanner) => new Promise<string>((resolve) => source.once('scan', resolve));
  const nextStatus = (source: SerialScanner, status: string) =>
    new Promise<void>((resolve) => {
      const listener = (value: string) => {
        if (value === status) {
          source.off('status', listener);
          resolve();
        }
      };
      source.on('status', listener);
    });

  it('reads a CCCD code ending in CR, Vietnamese intact', async () => {
    pair = await openSerialPair(join(dir.path, 'scanner'), join(dir.path, 'wire'));
    scanner = new SerialScanner({ path: pair.a, framing: { type: 'line', delimiter: '\r' } });
    const connected = nextStatus(scanner, 'connected');
    scanner.start();
    await connected;
    const scanned = nextScan(scanner);
    send(pair.b, `${CCCD}\r`);
    const payload = await scanned;
    expect(payload).toBe(CCCD);
    expect(interpretScan(payload)).toMatchObject({ kind: 'cccd', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-08-15' });
  });

  it('frames by a pause between bytes for scanners without a suffix', async () => {
    pair = await openSerialPair(join(dir.path, 'scanner2'), join(dir.path, 'wire2'));
    scanner = new SerialScanner({ path: pair.a, framing: { type: 'idle', timeoutMs: 60 } });
    const connected = nextStatus(scanner, 'connected');
    scanner.start();
    await connected;
    const scans: string[] = [];
    scanner.on('scan', (text) => scans.push(text));
    send(pair.b, 'FIRST-CODE');
    await new Promise((resolve) => setTimeout(resolve, 250));
    send(pair.b, 'SECOND-CODE');
    await expect.poll(() => scans, { timeout: 3_000 }).toEqual(['FIRST-CODE', 'SECOND-CODE']);
  });

  it('reconnects by itself when the scanner is unplugged and plugged back', async () => {
    const a = join(dir.path, 'scanner3');
    const b = join(dir.path, 'wire3');
    pair = await openSerialPair(a, b);
    scanner = new SerialScanner({ path: a, reconnectMs: 100 });
    const connected = nextStatus(scanner, 'connected');
    scanner.start();
    await connected;

    const lost = nextStatus(scanner, 'disconnected');
    await pair.close(); // unplugged
    await lost;
    expect(scanner.connected).toBe(false);

    const back = nextStatus(scanner, 'connected');
    pair = await openSerialPair(a, b); // plugged back
    await back;
    const scanned = nextScan(scanner);
    // The pair just came back: socat may still be setting its terminals up (which can drop bytes
    // written before), so the code is scanned again until it arrives, as a person would.
    const again = setInterval(() => send(b, 'AFTER-RECONNECT\r\n'), 500);
    send(b, 'AFTER-RECONNECT\r\n');
    try {
      expect(await scanned).toBe('AFTER-RECONNECT');
    } finally {
      clearInterval(again);
    }
  });
});
