#!/usr/bin/env -S node --max-semi-space-size=1 --v8-pool-size=1
// The qms-station command: runs the bundle that scripts/build.mjs makes from apps/station/src.
// A station agent is small and mostly waits (issue 15): a young generation of 1 MiB per half, and one
// V8 helper thread instead of four. Measured on the kiosk agent after printing three receipts:
// about 120 MB resident → about 102 MB (npm run bench footprint).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/qms-station.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('qms-station: not built yet; run "npm install" or "npm run build" at the root of the repository\n');
  process.exit(1);
}
process.setSourceMapsEnabled(true);
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv);
