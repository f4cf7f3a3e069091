import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HubClient } from '@qms/client';
import { ADMIN_PASSWORD, REPO_ROOT, startHubProcess } from '../tests/support/hub-process.js';
import { BENCH_DIR, createBenchCentre, issueAndCallWithWrk, type Report, round } from './hub-bench.js';

/**
 * Where the hub's CPU goes under the durable issue + call-next load of `throughput` (issue 15): the
 * hub runs with V8's sampling profiler (--cpu-prof, every thread), wrk drives it for a few seconds,
 * and each thread's busy time is split by what the code is (HTTP, Fastify, validation, auth, the
 * worker hop, SQL, events…). Frames in the hub's bundles are mapped to their TypeScript source
 * through the bundles' source maps; a native frame (a syscall, SQLite's C) counts for the JS that
 * called it. One line per thread and category: the microseconds it costs per change.
 */
export async function profileBench(report: Report): Promise<void> {
  const dataDir = join(BENCH_DIR, 'profile');
  const profiles = join(dataDir, 'cpu');
  rmSync(dataDir, { recursive: true, force: true });
  const hub = await startHubProcess(join(dataDir, 'hub'), {
    nodeArgs: ['--max-semi-space-size=4', '--cpu-prof', `--cpu-prof-dir=${profiles}`, '--cpu-prof-interval=200'],
    env: { QMS_LOG_LEVEL: 'error' },
  });
  let ops = 0;
  let seconds = 0;
  // The load's span on the monotonic clock V8 stamps its samples with: the hub's start is left out.
  let loadFrom = 0;
  let loadTo = 0;
  try {
    const admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    const centre = await createBenchCentre(admin);
    seconds = 6;
    loadFrom = microsecondsNow();
    const rate = issueAndCallWithWrk(hub.url, admin.token ?? '', centre, seconds, 64);
    loadTo = microsecondsNow();
    if (rate === null) {
      report({ name: 'hub.profile', skipped: 'wrk is not installed (apt-get install wrk)' });
      return;
    }
    ops = rate * seconds;
  } finally {
    // The profiles are written as the threads exit: a clean stop.
    await hub.stop();
  }

  const maps = new SourceMaps();
  for (const file of readdirSync(profiles).filter((name) => name.endsWith('.cpuprofile'))) {
    const whole = JSON.parse(readFileSync(join(profiles, file), 'utf8')) as CpuProfile;
    const windowed = duringLoad(whole, loadFrom, loadTo);
    const profile = windowed ?? whole;
    const byCategory = selfTimeByCategory(profile, maps);
    const busy = [...byCategory.entries()].filter(([category]) => category !== 'idle').reduce((sum, [, us]) => sum + us, 0);
    // CPU.DATE.PID.THREAD.SEQ.cpuprofile: thread 0 is the main thread; the hub's one worker holds SQLite.
    const thread = Number(file.split('.')[4]) === 0 ? 'main' : 'queue_worker';
    if (busy < 100_000) continue; // a thread that hardly ran (a short-lived helper)
    report({
      name: `hub.profile.${thread}.busy`,
      value: round(busy / ops, 1),
      unit: 'µs/change',
      reference: { name: 'hub.profile.wall', value: round((seconds * 1e6) / ops, 1), unit: 'µs/change' },
      note: `${Math.round(ops)} changes in ${seconds} s under wrk -c64 with the sampling profiler on (it slows the hub); ${windowed ? 'samples of the load only' : "the whole run's samples (none stamped within the load: another clock?)"}`,
    });
    for (const [category, us] of [...byCategory.entries()].sort((a, b) => b[1] - a[1])) {
      if (category === 'idle' || us / busy < 0.01) continue;
      report({ name: `hub.profile.${thread}.${category}`, value: round(us / ops, 1), unit: 'µs/change', share: round(us / busy, 3) });
    }
    report({
      name: `hub.profile.${thread}.top_functions`,
      unit: 'µs/change',
      functions: topFunctions(profile, maps, 15).map(([frame, us]) => ({ frame, value: round(us / ops, 1) })),
    });
  }
}

/** CLOCK_MONOTONIC in microseconds: the clock of V8's profile timestamps (and of process.hrtime) on Linux. */
const microsecondsNow = () => Number(process.hrtime.bigint() / 1000n);

/** The profile's samples taken between these instants, null if none is (another clock). */
function duringLoad(profile: CpuProfile, from: number, to: number): CpuProfile | null {
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    if (at >= from && at <= to) {
      samples.push(id);
      timeDeltas.push(profile.timeDeltas[index] ?? 0);
    }
  });
  return samples.length === 0 ? null : { ...profile, samples, timeDeltas };
}

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  startTime: number;
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Microseconds of self time per category, a native frame's time going to its nearest caller with a URL. */
export function selfTimeByCategory(profile: CpuProfile, maps: SourceMaps): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const categoryOf = new Map<number, string>();
  const category = (id: number): string => {
    const known = categoryOf.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    let found = classify(node, maps);
    if (found === null) {
      const up = parent.get(id);
      found = up === undefined ? 'native (no caller)' : category(up);
    }
    categoryOf.set(id, found);
    return found;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const name = category(id);
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  return totals;
}

/** The functions with the most self time (native ones named with their caller): what to look at first. */
function topFunctions(profile: CpuProfile, maps: SourceMaps, count: number): [string, number][] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const label = (id: number): string => {
    const { functionName, url, lineNumber, columnNumber } = byId.get(id)!.callFrame;
    const name = functionName || '(anonymous)';
    if (url === '') {
      const up = parent.get(id);
      return up === undefined || name.startsWith('(') ? name : `${name} ← ${label(up)}`;
    }
    const path = url.startsWith('file://') ? fileURLToPath(url) : url;
    const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
    const where = npm ? npm[1] : url.startsWith('node:') ? url : (maps.original(path, lineNumber, columnNumber) ?? relative(REPO_ROOT, path));
    return `${name} (${where})`;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    if (byId.get(id)!.callFrame.functionName === '(idle)') return;
    const name = label(id);
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
}

/** A frame's category, or null for a native frame (no URL), which takes its caller's. */
function classify(node: CpuProfileNode, maps: SourceMaps): string | null {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'gc';
  if (functionName === '(program)') return 'v8_and_native';
  if (functionName === '(root)') return 'v8_and_native';
  if (url === '') return null;
  if (url.startsWith('node:')) return nodeCategory(url.slice('node:'.length));
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (npm) return npmCategory(npm[1]!);
  const source = maps.original(path, lineNumber, columnNumber);
  return source ? sourceCategory(source) : 'hub_other';
}

function nodeCategory(module: string): string {
  if (/^_http_|^http$|^internal\/http/.test(module)) return 'node_http';
  if (/^net$|^internal\/stream_base_commons|^internal\/streams|^stream$|^internal\/net/.test(module)) return 'node_sockets_streams';
  if (/^internal\/worker|messageport|^worker_threads/.test(module)) return 'worker_hop';
  if (/^internal\/(timers|process\/task_queues|async_hooks)|^timers/.test(module)) return 'node_timers_ticks';
  if (/^internal\/crypto|^crypto/.test(module)) return 'crypto';
  return 'node_other';
}

function npmCategory(name: string): string {
  if (name === 'fastify' || name === 'find-my-way' || name === 'avvio' || name.startsWith('@fastify/') || name === 'light-my-request' || name === 'fastify-plugin') return 'fastify';
  if (name === 'ajv' || name === 'fast-json-stringify' || name === 'fast-uri' || name === 'ajv-formats' || name === 'json-schema-ref-resolver') return 'validation_serialisation';
  if (name === 'pino' || name === 'sonic-boom' || name === 'thread-stream' || name === 'pino-std-serializers') return 'logging';
  if (name === 'better-sqlite3') return 'sqlite';
  if (name === 'ws') return 'websocket';
  return `npm_${name.replace(/[^a-z0-9]+/gi, '_')}`;
}

/** The category of a TypeScript source of the repository. */
function sourceCategory(source: string): string {
  if (/^apps\/hub\/src\/(http\/auth|access\/)/.test(source)) return 'auth';
  if (/^apps\/hub\/src\/http\/(validation|lazy-schemas|json-body)|^packages\/protocol\//.test(source)) return 'validation_serialisation';
  if (/^apps\/hub\/src\/queue\/(queue-client|messages)/.test(source)) return 'worker_hop';
  if (/^apps\/hub\/src\/queue\/(queue-worker|operations)|^packages\/db\//.test(source)) return 'store_sql';
  if (/^packages\/core\//.test(source)) return 'queue_engine';
  if (/^apps\/hub\/src\/events\//.test(source)) return 'events_fanout';
  if (/^apps\/hub\/src\/routes\//.test(source)) return 'routes';
  return 'hub_other';
}

/** The bundles' linked source maps (file.mjs.map), loaded once each. */
class SourceMaps {
  private readonly maps = new Map<string, SourceMap | null>();

  /** The repository-relative TypeScript source of a position in a bundle (0-based line and column), or null. */
  original(file: string, line: number, column: number): string | null {
    let map = this.maps.get(file);
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
      } catch {
        map = null;
      }
      this.maps.set(file, map);
    }
    if (!map) return null;
    const entry = map.findEntry(line, column) as { originalSource?: string };
    if (!entry.originalSource) return null;
    const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : join(dirname(file), entry.originalSource);
    return relative(REPO_ROOT, source);
  }
}
