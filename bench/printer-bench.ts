import { performance } from 'node:perf_hooks';
import { buildReceiptJob, ReceiptPrinter, type ReceiptData } from '@qms/printer';
import { VirtualPrinter } from '@qms/simulators';
import type { Report } from './hub-bench.js';

export const TICKET: ReceiptData = {
  centreName: 'UBND xã Hòa Bình – Bộ phận Một cửa',
  serviceName: 'Lao động – Thương binh – Xã hội',
  serviceNameEn: 'Labour, invalids and social affairs',
  label: 'F123',
  priority: 'elderly',
  issuedAt: new Date().toISOString(),
  timeZone: 'Asia/Ho_Chi_Minh',
  ahead: 12,
  estimatedWaitSeconds: 1_800,
  counters: [5, 6],
  trackingUrl: 'http://hub.local:8080/t/123-F123',
  hotline: '0221 3862 123',
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/**
 * A full raster ticket (80 mm, Epson): from the print call (drawing the receipt included) until
 * the virtual printer has taken the last byte — the driver's status answer after the job, which
 * the printer sends only once it has processed everything before it.
 */
export async function printerBench(report: Report): Promise<void> {
  const printer = new VirtualPrinter();
  const port = await printer.listen(0);
  const driver = new ReceiptPrinter(`tcp://127.0.0.1:${port}`);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 60; i++) {
    const started = performance.now();
    const job = buildReceiptJob({ ...TICKET, label: `F${100 + i}` }, { type: 'epson', widthDots: 576, encoding: 'raster' });
    const result = await driver.print({ id: `bench-${i}`, bytes: job });
    if (!result.ok) throw new Error(`print failed: ${result.message}`);
    if (i >= 10) times.push(performance.now() - started); // the first ones warm up fonts and JIT
    bytes = job.length;
  }
  await printer.close();
  times.sort((a, b) => a - b);
  report({
    name: 'printer.raster_ticket_print_ms_median',
    value: Number(percentile(times, 50).toFixed(1)),
    unit: 'ms',
    p90: Number(percentile(times, 90).toFixed(1)),
    samples: times.length,
    jobBytes: bytes,
    target: '<= 150 ms',
    note: 'draw + ESC/POS + status before and after, over TCP to the virtual printer in the same process',
  });
}
