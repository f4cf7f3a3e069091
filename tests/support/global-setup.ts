import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The process-level tests run the built qms command: build it from the current sources first. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: fileURLToPath(new URL('../../', import.meta.url)), stdio: 'inherit' });
}
