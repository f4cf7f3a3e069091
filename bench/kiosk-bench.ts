import { join } from 'node:path';
import { buildReceiptJob, ReceiptPrinter } from '@qms/printer';
import { VirtualPrinter } from '@qms/simulators';
import { launchChromium } from '../tests/support/browser.js';
import { runQmsAsync, startHubProcess } from '../tests/support/hub-process.js';
import { startKioskProcess, waitForLine } from '../tests/support/kiosk-process.js';
import { BENCH_DIR, type Report } from './hub-bench.js';
import { TICKET } from './printer-bench.js';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const p90 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)] ?? Number.NaN;

/**
 * Tap → receipt: a tap on a field in the kiosk screen (Chromium), through the station agent
 * (`qms station kiosk`) and the hub (issue, fsync), to the last byte of the raster receipt at the
 * virtual TCP printer (its cut). Reference in the same run: the same printer taking a raster
 * ticket straight from the driver (drawing included), which is most of the path.
 */
export async function kioskBench(report: Report): Promise<void> {
  const dir = join(BENCH_DIR, 'kiosk');
  const hub = await startHubProcess(join(dir, 'hub'), { args: ['--demo'], env: { QMS_LOG_LEVEL: 'error', QMS_DEMO_PRINTER_PORT: '0' } });
  const printer = new VirtualPrinter();
  const printerPort = await printer.listen(0);
  const station = await startKioskProcess({ hubUrl: hub.url, configDir: join(dir, 'station'), printerPort });
  const browser = await launchChromium();
  try {
    const code = await waitForLine(station.stdout, /pairing code: (\d{6})/, station.stderr);
    const approved = await runQmsAsync(['devices', 'approve', code, '--data', join(dir, 'hub')]);
    if (approved.status !== 0) throw new Error(`approve failed: ${approved.stderr}`);
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(station.url);
    await page.waitForSelector('[data-screen="home"]', { timeout: 20_000 });

    const taps: number[] = [];
    for (let i = 0; i < 60; i++) {
      const received = new Promise<number>((resolve) => printer.once('receipt', () => resolve(performance.now())));
      const started = performance.now();
      await page.click(`[data-screen="home"] .field >> nth=${i % 7}`);
      const done = await received;
      if (i >= 10) taps.push(done - started); // the first ones warm up fonts, JIT and connections
      await page.click('[data-testid="done"]');
      await page.waitForSelector('[data-screen="home"]');
    }

    const driver = new ReceiptPrinter(`tcp://127.0.0.1:${printerPort}`);
    const direct: number[] = [];
    for (let i = 0; i < 60; i++) {
      const started = performance.now();
      const result = await driver.print({ id: `direct-${i}`, bytes: buildReceiptJob({ ...TICKET, label: `A${100 + i}` }, { type: 'epson', widthDots: 576, encoding: 'raster' }) });
      if (!result.ok) throw new Error(`print failed: ${result.message}`);
      if (i >= 10) direct.push(performance.now() - started);
    }
    const value = median(taps);
    const reference = median(direct);
    report({
      name: 'kiosk.tap_to_receipt_ms_median',
      value: Number(value.toFixed(1)),
      unit: 'ms',
      p90: Number(p90(taps).toFixed(1)),
      samples: taps.length,
      reference: Number(reference.toFixed(1)),
      referenceName: 'raster ticket printed straight from the driver, same printer, same run',
      ratio: Number((value / reference).toFixed(2)),
      target: '<= 300 ms',
      note: 'Chromium tap → station agent → hub (durable issue) → raster receipt → last byte at the virtual TCP printer',
    });
  } finally {
    await browser.close();
    station.child.kill('SIGTERM');
    await station.exited;
    await hub.stop();
    await printer.close();
  }
}
