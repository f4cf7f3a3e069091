import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * A pair of pseudo-terminals joined by socat: what one end receives, the other sends. Real serial
 * ports for the real `serialport` package; closing the pair is unplugging the cable.
 */
export interface SerialPair {
  a: string;
  b: string;
  close(): Promise<void>;
}

export async function openSerialPair(a: string, b: string): Promise<SerialPair> {
  const child: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 5_000;
  while (!(existsSync(a) && existsSync(b))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`socat did not make ${a} and ${b} (is socat installed? apt-get install socat)`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    a,
    b,
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
