#!/usr/bin/env node
// The qms command: runs the bundle that scripts/build-hub.mjs makes from apps/hub/src.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/qms.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('qms: not built yet; run "npm install" or "npm run build" at the root of the repository\n');
  process.exit(1);
}
process.setSourceMapsEnabled(true);
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv);
