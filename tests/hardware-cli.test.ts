import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { VirtualPrinter, VirtualScanner } from '@qms/simulators';
import { afterEach, describe, expect, it } from 'vitest';
import { runQms, runQmsAsync, startQms } from './support/hub-process.js';
import { openSerialPair, type SerialPair } from './support/serial-pair.js';
import { tempDir } from './support/temp-dir.js';

/** The technician's device commands, run as a technician runs them, against the simulators. */
describe('qms device commands', () => {
  const dir = tempDir();
  let printer: VirtualPrinter | undefined;
  let pair: SerialPair | undefined;
  afterEach(async () => {
    await printer?.close();
    await pair?.close();
  });

  it('say --dry-run: the sentence, then the clip names', () => {
    const result = runQms(['say', 'A1023', '3', '--dry-run']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Xin mời công dân có số thứ tự A một nghìn không trăm hai mươi ba đến quầy số ba\nmoi_cong_dan letter_a mot nghin khong tram hai muoi_ngang ba den_quay_so ba\n');
    expect(runQms(['say', 'B101', '5', '--dialect', 'south', '--dry-run']).stdout).toMatch(/B một trăm lẻ một đến quầy số năm/);
    expect(runQms(['say', 'C24', '21', '--tu', '--dry-run']).stdout).toMatch(/C hai mươi tư đến quầy số hai mươi mốt/);
    expect(runQms(['say', 'A7', '2', '--lang', 'en', '--dry-run']).stdout).toMatch(/^Ticket number A seven, please go to counter two\n/);
    expect(runQms(['say', 'A7', '2', '--lang', 'fr']).stderr).toMatch(/Allowed choices are vi, en/);
    expect(runQms(['say', 'a-7', '2', '--dry-run']).stderr).toMatch(/not a ticket label/);
  });

  it('say without --dry-run plays the clips in order (here into a file)', () => {
    const output = join(dir.path, 'call.wav');
    const result = runQms(['say', 'A12', '3', '--output', output]);
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(output)).toBe(true);
    const seconds = Number(execFileSync('soxi', ['-D', output]).toString());
    expect(seconds).toBeGreaterThan(3);
    expect(seconds).toBeLessThan(12);
  });

  it("say --pack plays a centre's own clip pack, and names what it lacks", () => {
    const own = join(dir.path, 'my-pack');
    cpSync(fileURLToPath(new URL('../hardware/voice/packs/vi/', import.meta.url)), own, { recursive: true });
    const output = join(dir.path, 'own.wav');
    expect(runQms(['say', 'A1', '1', '--pack', own, '--output', output]).status).toBe(0);
    expect(existsSync(output)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(own, 'manifest.json'), 'utf8'));
    delete manifest.clips.den_quay_so;
    writeFileSync(join(own, 'manifest.json'), JSON.stringify(manifest));
    expect(runQms(['say', 'A1', '1', '--pack', own, '--output', output]).stderr).toMatch(/incomplete: clip "den_quay_so" is missing/);
    expect(runQms(['say', 'A1', '1', '--pack', own, '--lang', 'en', '--output', output]).stderr).toMatch(/incomplete/);
  });

  it('print-test prints a sample ticket, and exits non-zero with the reason when it cannot', async () => {
    printer = new VirtualPrinter();
    const port = await printer.listen(0);
    const ok = await runQmsAsync(['print-test', '--printer', `tcp://127.0.0.1:${port}`, '--text', 'Xin chào Việt Nam']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`printed a sample ticket on tcp://127.0.0.1:${port} \\(epson, 80 mm, raster`));
    expect(printer.receipts).toHaveLength(1);
    expect(printer.receipts[0]!.qr).toEqual(['http://qms.local/t/0-A001']);

    const text = await runQmsAsync(['print-test', '--printer', `tcp://127.0.0.1:${port}`, '--encoding', 'cp1258', '--width', '58', '--text', 'Xin chào Việt Nam']);
    expect(text.status, text.stderr).toBe(0);
    expect(printer.receipts[1]!.text).toContain('Xin chào Việt Nam');
    expect(printer.receipts[1]!.text).toContain('ĐẤT ĐAI');

    printer.setPaper('out');
    const out = await runQmsAsync(['print-test', '--printer', `tcp://127.0.0.1:${port}`]);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/cannot print on tcp:\/\/127\.0\.0\.1:\d+: paper_out: the printer is out of paper/);
    expect((await runQmsAsync(['print-test', '--printer', 'tcp://127.0.0.1:1'])).stderr).toMatch(/unreachable/);
    expect((await runQmsAsync(['print-test', '--printer', 'tcp://127.0.0.1:1', '--type', 'star', '--encoding', 'tcvn3'])).stderr).toMatch(/use --encoding raster/);
  });

  it('printer-status prints one JSON line', async () => {
    printer = new VirtualPrinter();
    const port = await printer.listen(0);
    printer.setPaper('near_end');
    const result = await runQmsAsync(['printer-status', '--printer', `tcp://127.0.0.1:${port}`]);
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ online: true, paper: 'near_end', coverOpen: false });
    printer.setCoverOpen(true);
    expect(JSON.parse((await runQmsAsync(['printer-status', '--printer', `tcp://127.0.0.1:${port}`])).stdout)).toMatchObject({ online: false, coverOpen: true });
    const gone = await runQmsAsync(['printer-status', '--printer', 'tcp://127.0.0.1:1']);
    expect(gone.status).toBe(1);
    expect(JSON.parse(gone.stdout)).toMatchObject({ online: false, reachable: false });
  });

  it('scan prints one JSON line per scan, and --once stops after the first', async () => {
    pair = await openSerialPair(join(dir.path, 'scanner'), join(dir.path, 'wire'));
    const scanner = new VirtualScanner(pair.b);
    await scanner.ready();
    const send = (text: string) => scanner.scan(text);
    const running = startQms(['scan', '--serial', pair.a]);
    await expect.poll(() => running.stderr(), { timeout: 10_000 }).toMatch(/scanner connected/);
    await send('001203012345|123456789|Nguyễn Văn An|15081990|Nam|Hưng Yên|20042021');
    await send('0012|x|y|15081990|Nam|Z|20042021');
    await send('http://example.vn/hello');
    await expect.poll(() => running.stdout().trim().split('\n').filter(Boolean).length, { timeout: 5_000 }).toBe(3);
    const [cccd, invalid, text] = running
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(cccd).toEqual({
      kind: 'cccd',
      idNumber: '001203012345',
      oldIdNumber: '123456789',
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '1990-08-15',
      sex: 'Nam',
      address: 'Hưng Yên',
      issueDate: '2021-04-20',
    });
    expect(invalid).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/12 digits/) });
    expect(text).toEqual({ kind: 'text', text: 'http://example.vn/hello' });
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);

    const once = startQms(['scan', '--serial', pair.a, '--once']);
    await expect.poll(() => once.stderr(), { timeout: 10_000 }).toMatch(/scanner connected/);
    await send('ONLY-ONE');
    expect(await once.exited).toBe(0);
    expect(once.stdout()).toBe('{"kind":"text","text":"ONLY-ONE"}\n');
    await scanner.close();
  });
});
