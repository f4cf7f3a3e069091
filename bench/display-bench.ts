import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { HubClient } from '@qms/client';
import { CredentialStore, HubLink } from '@qms/station';
import { launchChromium } from '../tests/support/browser.js';
import { ADMIN_PASSWORD, type HubProcess, startHubProcess } from '../tests/support/hub-process.js';
import { type StationProcess, startPairedStation } from '../tests/support/station-process.js';
import { BENCH_DIR, type Report } from './hub-bench.js';
import { pairStations } from './station-bench.js';

const WARMUP = 5;
const CALLS = 100;
const STATIONS = 30;
const LABEL_TIMEOUT_MS = 5_000;
/** Calls a little apart, as clerks make them (and so that two calls are never shown as one). */
const CALL_EVERY_MS = 60;

const now = () => performance.timeOrigin + performance.now();
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? Number.NaN;
const round = (value: number) => (Number.isFinite(value) ? Number(value.toFixed(1)) : null);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * In the board: a MutationObserver notes the first moment [data-latest-call] shows the awaited
 * label (DOM updated, paint not counted), on `performance.timeOrigin + performance.now()` (the
 * same wall-clock origin as Node's, checked below by bracketing). A string: tsx would put its own
 * helpers into a function's source.
 */
const IN_PAGE = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const bench = { seen: new Map(), now };
  new MutationObserver(() => {
    const text = document.querySelector('[data-latest-call]')?.dataset.label ?? '';
    if (text && !bench.seen.has(text)) bench.seen.set(text, now());
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  bench.when = (label, timeoutMs) => new Promise((resolve) => {
    const started = now();
    const poll = () => {
      if (bench.seen.has(label)) return resolve(bench.seen.get(label));
      if (now() - started > timeoutMs) return resolve(null);
      setTimeout(poll, 5);
    };
    poll();
  });
  window.__bench = bench;
})()`;

/**
 * call-next answered → the label in the board's [data-latest-call], in Chromium: the hub process
 * (demo centre), `qms station display` (voice off: the board's path is measured, not the speakers),
 * its board in headless Chromium; then the same with 30 more stations (HubLinks) following the hub.
 * Reference in the same run: the call-next HTTP round trip itself.
 */
export async function displayBench(report: Report): Promise<void> {
  const dir = join(BENCH_DIR, 'display');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const dataDir = join(dir, 'hub');
  let hub: HubProcess | undefined;
  let browser: Browser | undefined;
  let station: StationProcess | undefined;
  const links: HubLink[] = [];
  try {
    hub = await startHubProcess(dataDir, { args: ['--demo'], env: { QMS_LOG_LEVEL: 'error', QMS_DEMO_PRINTER_PORT: '0' } });
    const config = join(dir, 'display');
    mkdirSync(config);
    writeFileSync(join(config, 'station.json'), JSON.stringify({ display: { voice: 'off' } }));
    station = await startPairedStation('display', hub, dataDir, { config });
    const { url } = station;
    browser = await launchChromium();
    const page: Page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(url);
    await page.waitForSelector('[data-screen="board"]');
    await page.evaluate(IN_PAGE);

    const admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    for (const service of await admin.services()) await admin.request('PATCH', `/api/services/${service.id}`, { rangeStart: 1, rangeEnd: 9_999 });
    const staff = new HubClient({ baseUrl: hub.url });
    await staff.login('quay1', 'demo1234');
    const counters = (await staff.state()).counters.map((c) => ({ id: c.id, field: c.serviceIds[0] ?? 0 }));

    let bracketed = 0;
    for (let i = 0; i < 5; i++) {
      const a = now();
      const b = (await page.evaluate('window.__bench.now()')) as number;
      const c = now();
      if (a <= b && b <= c) bracketed++;
    }

    async function round100(): Promise<{ answered: number[]; pressed: number[]; direct: number[]; missed: number }> {
      const answered: number[] = [];
      const pressed: number[] = [];
      const direct: number[] = [];
      let missed = 0;
      for (let i = 0; i < WARMUP + CALLS; i++) {
        const counter = counters[i % counters.length]!;
        await staff.issueTicket(counter.field);
        const sent = now();
        const ticket = await staff.callNext(counter.id);
        const answer = now();
        if (!ticket) throw new Error('nobody to call');
        const shown = (await page.evaluate(`window.__bench.when(${JSON.stringify(ticket.label)}, ${LABEL_TIMEOUT_MS})`)) as number | null;
        if (i >= WARMUP) {
          direct.push(answer - sent);
          if (shown === null) missed++;
          else {
            answered.push(shown - answer);
            pressed.push(shown - sent);
          }
        }
        await sleep(CALL_EVERY_MS);
      }
      return { answered, pressed, direct, missed };
    }

    const figures = (name: string, run: Awaited<ReturnType<typeof round100>>, note: string) => {
      const reference = percentile(run.direct, 50);
      report({
        name,
        value: round(percentile(run.answered, 50)),
        unit: 'ms',
        p95: round(percentile(run.answered, 95)),
        fromSentMedian: round(percentile(run.pressed, 50)),
        fromSentP95: round(percentile(run.pressed, 95)),
        calls: run.answered.length,
        missed: run.missed,
        reference: round(reference),
        referenceName: 'the call-next HTTP round trip (staff token), median, same run',
        ratio: Number((percentile(run.pressed, 50) / reference).toFixed(2)),
        target: 'p95 <= 100 ms',
        note: `${note}; call-next answered in Node → the board's [data-latest-call] shows the label (MutationObserver, paint not counted; a negative time: the board showed it before Node read the answer); fromSent: from the request sent; Node's and the page's clocks bracketed ${bracketed} of 5 times; ${WARMUP} warm-up calls not counted`,
      });
    };
    figures('display.call_to_board', await round100(), 'the hub, one display station and its board');

    // 30 more stations following the hub (as many event subscribers, each with its state mirror).
    const devices = await pairStations(hub.url, admin);
    devices.forEach(({ deviceId, token }, i) => {
      const stationDir = join(dir, `station-${i + 1}`);
      mkdirSync(stationDir, { recursive: true });
      new CredentialStore(stationDir).save({ state: 'paired', hubUrl: hub!.url, deviceId, token });
      const link = new HubLink({ hubUrl: hub!.url, kind: 'display', name: `bench ${i + 1}`, credentials: new CredentialStore(stationDir) });
      link.start();
      links.push(link);
    });
    for (let waited = 0; !links.every((link) => link.phase === 'ready'); waited += 50) {
      if (waited > 20_000) throw new Error('the 30 stations did not connect');
      await sleep(50);
    }
    figures('display.call_to_board_30_stations', await round100(), `the same with ${STATIONS} more stations (HubLinks in the bench's process) following the hub`);
  } finally {
    for (const link of links) link.stop();
    await browser?.close().catch(() => undefined);
    if (station) {
      station.child.kill('SIGTERM');
      await station.exited;
    }
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
