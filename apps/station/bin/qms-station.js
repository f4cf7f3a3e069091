#!/usr/bin/env node
// The qms-station command: runs the bundle that scripts/build.mjs makes from apps/station/src.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/qms-station.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('qms-station: not built yet; run "npm install" or "npm run build" at the root of the repository\n');
  process.exit(1);
}
process.setSourceMapsEnabled(true);
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv);
