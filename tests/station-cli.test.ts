import { join } from 'node:path';
import { VirtualSignageBus } from '@qms/simulators';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QMS_BIN } from './support/hub-process.js';
import { openSerialPair, type SerialPair } from './support/serial-pair.js';
import { type RunningCommand, runStation, startCommand, startStation } from './support/station-command.js';
import { tempDir } from './support/temp-dir.js';

/**
 * The technician's commands as run on a station device: the built `qms-station` (bin → bundle),
 * talking to simulated LED signs and caller keypads on a real pseudo-terminal pair (socat).
 */
describe('qms-station, the station device command', () => {
  const dir = tempDir('qms-station-cli-');
  let pair: SerialPair | undefined;
  let devices: VirtualSignageBus | undefined;
  const running: RunningCommand[] = [];
  let pairs = 0;

  /** The signage bus: the command opens `pair.a`; a counter LED display (3) and a caller keypad (2) listen on `pair.b`. */
  beforeEach(async () => {
    pairs++;
    pair = await openSerialPair(join(dir.path, `bus-${pairs}`), join(dir.path, `devices-${pairs}`));
    devices = new VirtualSignageBus(pair.b, { displays: [3], keypads: [2] });
    await devices.ready();
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((command) => command.stop()));
    await devices?.close();
    devices = undefined;
    await pair?.close();
    pair = undefined;
  });

  afterAll(() => dir.cleanup());

  const bus = () => pair!.a;
  const display = (address: number) => devices!.displays.get(address)?.text;

  it('--help lists the station kinds and every device command', async () => {
    const help = await runStation(['--help']);
    expect(help.status, help.stderr).toBe(0);
    const commands = /\nCommands:\n([\s\S]*)$/.exec(help.stdout)?.[1] ?? '';
    const names = [...commands.matchAll(/^ {2}(\S+)/gm)].map((match) => match[1]);
    for (const name of ['kiosk', 'counter', 'display', 'print-test', 'printer-status', 'scan', 'say', 'sign', 'keypad']) expect(names, help.stdout).toContain(name);
  });

  it('display --zone takes counter numbers; anything else is refused with the setting named, before anything starts', async () => {
    const help = await runStation(['display', '--help']);
    expect(help.stdout).toMatch(/--zone <numbers>/);
    const bad = await runStation(['display', '--hub', 'http://127.0.0.1:9', '--port', '0', '--config', join(dir.path, 'zone'), '--zone', '1,x']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/display\.zone must be a list of a whole number from 1 to 9999, not \[1,"x"\]/);
  });

  it('sign shows a label on the LED sign and exits 0 once it acknowledged; --clear blanks it', async () => {
    expect(display(3)).toBe('');
    const shown = await runStation(['sign', '--serial', bus(), '--address', '3', '--text', 'A105']);
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toBe('sign 3 shows "A105"\n');
    expect(display(3)).toBe('A105');

    const cleared = await runStation(['sign', '--serial', bus(), '--address', '3', '--clear']);
    expect(cleared.status, cleared.stderr).toBe(0);
    expect(cleared.stdout).toBe('sign 3 cleared\n');
    expect(display(3)).toBe('');
  });

  it('sign to an address where no sign answers exits 1 with the reason', async () => {
    const result = await runStation(['sign', '--serial', bus(), '--address', '7', '--text', 'A105']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^qms-station: device 7 did not acknowledge command 0x\d+ after 3 attempts\n$/);
    expect(result.stdout).toBe('');
    expect(display(3)).toBe('');
  });

  it('sign refuses a label the LED sign cannot show, with a message, not a stack trace', async () => {
    const result = await runStation(['sign', '--serial', bus(), '--address', '3', '--text', 'Ạ1']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^qms-station: "Ạ1" is not up to 8 plain ASCII characters\n$/);
    expect(display(3)).toBe('');
    const long = await runStation(['sign', '--serial', bus(), '--address', '3', '--text', 'A1234567890']);
    expect(long.status).toBe(1);
    expect(long.stderr).toMatch(/not up to 8 plain ASCII characters/);
    expect(display(3)).toBe('');
  });

  it('sign without a valid --address says so, and touches no sign', async () => {
    const missing = await runStation(['sign', '--serial', bus(), '--text', 'A105']);
    expect(missing.status).not.toBe(0);
    expect(missing.status).not.toBeNull();
    expect(missing.stderr).toMatch(/--address/);
    const outOfRange = await runStation(['sign', '--serial', bus(), '--address', '999', '--text', 'A105']);
    expect(outOfRange.status).not.toBe(0);
    expect(outOfRange.status).not.toBeNull();
    expect(outOfRange.stderr).toMatch(/--address must be the device's address on the bus, 1 to 254, not "999"/);
    const notANumber = await runStation(['sign', '--serial', bus(), '--address', 'three', '--text', 'A105']);
    expect(notANumber.status).not.toBe(0);
    expect(notANumber.stderr).toMatch(/--address .*not "three"/);
    expect(display(3)).toBe('');
  });

  it('sign without --text or --clear says which to give', async () => {
    const result = await runStation(['sign', '--serial', bus(), '--address', '3']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/give --text LABEL to show, or --clear/);
  });

  it('keypad --once prints the first key pressed as one JSON line, then exits', async () => {
    const keypad = startStation(['keypad', '--serial', bus(), '--once'], { timeoutMs: 20_000 });
    running.push(keypad);
    await expect.poll(() => keypad.stderr(), { timeout: 10_000 }).toMatch(/press a key on a caller keypad/);
    expect(keypad.stdout()).toBe('');
    devices!.press(2, 'next');
    const result = await keypad.exited;
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('{"address":2,"key":"next"}\n');
  });

  it('keypad without --once prints every key until stopped', async () => {
    const keypad = startStation(['keypad', '--serial', bus()], { timeoutMs: 20_000 });
    running.push(keypad);
    await expect.poll(() => keypad.stderr(), { timeout: 10_000 }).toMatch(/press a key on a caller keypad/);
    devices!.press(2, 'recall');
    await expect.poll(() => keypad.stdout(), { timeout: 5_000 }).toBe('{"address":2,"key":"recall"}\n');
    devices!.press(2, 'no_show');
    await expect.poll(() => keypad.stdout(), { timeout: 5_000 }).toBe('{"address":2,"key":"recall"}\n{"address":2,"key":"no_show"}\n');
    // A rating keypad's key: its score.
    devices!.pressRating(2, 4);
    await expect.poll(() => keypad.stdout(), { timeout: 5_000 }).toBe('{"address":2,"key":"recall"}\n{"address":2,"key":"no_show"}\n{"address":2,"score":4}\n');
    const result = await keypad.stop();
    expect(result.status).toBe(0);
  });

  it('sign on a bus that does not exist exits 1 quickly, saying it cannot open it', async () => {
    const result = await runStation(['sign', '--serial', '/nonexistent', '--address', '3', '--text', 'A105'], { timeoutMs: 15_000 });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/^qms-station: cannot open the signage bus \/nonexistent: /);
    expect(result.ms).toBeLessThan(4_000);
    const keypad = await runStation(['keypad', '--serial', '/nonexistent', '--once'], { timeoutMs: 15_000 });
    expect(keypad.status).toBe(1);
    expect(keypad.stderr).toMatch(/cannot open the signage bus \/nonexistent/);
  });

  it("the hub's qms sign is the same command", async () => {
    const shown = await startCommand(process.execPath, [QMS_BIN, 'sign', '--serial', bus(), '--address', '3', '--text', 'B12']).exited;
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toBe('sign 3 shows "B12"\n');
    expect(display(3)).toBe('B12');
    const silent = await startCommand(process.execPath, [QMS_BIN, 'sign', '--serial', bus(), '--address', '9', '--clear']).exited;
    expect(silent.status).toBe(1);
    expect(silent.stderr).toMatch(/did not acknowledge/);
    expect(display(3)).toBe('B12');
  });
});
