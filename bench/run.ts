import { rmSync } from 'node:fs';
import { counterBench } from './counter-bench.js';
import { displayBench } from './display-bench.js';
import { footprintBench } from './footprint-bench.js';
import { BENCH_DIR, subscribersBench, throughputBench, type Report } from './hub-bench.js';
import { kioskBench } from './kiosk-bench.js';
import { printerBench } from './printer-bench.js';
import { profileBench } from './profile-bench.js';
import { reportsBench } from './report-bench.js';
import { stationsBench } from './station-bench.js';

/**
 * npm run bench: one JSON object per line, each with the figure, its unit and, where one
 * exists, the reference measured in the same run. Not a test: figures are read, not asserted.
 */
const report: Report = (figure) => process.stdout.write(`${JSON.stringify(figure)}\n`);

const benches: [string, (report: Report) => Promise<void>][] = [
  ['throughput', throughputBench],
  ['subscribers', subscribersBench],
  ['printer', printerBench],
  ['kiosk', kioskBench],
  ['stations', stationsBench],
  ['counter', counterBench],
  ['display', displayBench],
  ['reports', reportsBench],
  ['footprint', footprintBench],
  ['profile', profileBench],
];

const only = process.argv.slice(2);
const unknown = only.filter((name) => !benches.some(([known]) => known === name));
if (unknown.length > 0) {
  process.stderr.write(`bench: no benchmark named ${unknown.join(', ')}; the benchmarks are ${benches.map(([name]) => name).join(', ')}\n`);
  process.exit(2);
}
try {
  for (const [name, bench] of benches) {
    if (only.length > 0 && !only.includes(name)) continue;
    await bench(report);
  }
} finally {
  rmSync(BENCH_DIR, { recursive: true, force: true });
}
