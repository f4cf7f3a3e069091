import { checkSignText, SignageBus, SignageError } from '@qms/signage';
import { CliError } from './cli-error.js';

interface BusFlags {
  serial?: string;
  baud?: string;
}

function busOf(flags: BusFlags): SignageBus {
  if (!flags.serial) throw new CliError('--serial PATH is required (the RS-485 adapter, e.g. /dev/ttyUSB0)');
  const baudRate = flags.baud === undefined ? 9600 : Number(flags.baud);
  if (!Number.isInteger(baudRate) || baudRate < 300) throw new CliError(`--baud must be a whole number like 9600, not "${flags.baud}"`);
  return new SignageBus({ path: flags.serial, baudRate, reconnectMs: 500 });
}

function addressOf(value: string | undefined): number {
  const address = Number(value);
  if (!Number.isInteger(address) || address < 1 || address > 254) throw new CliError(`--address must be the device's address on the bus, 1 to 254, not "${value}"`);
  return address;
}

/** Opens the bus, or says why it cannot within a few seconds. */
async function opened(bus: SignageBus, path: string): Promise<void> {
  const result = await new Promise<string | null>((resolve) => {
    const timer = setTimeout(() => resolve('it did not open within 5 s'), 5_000);
    bus.on('health', (health) => {
      clearTimeout(timer);
      resolve(health.state === 'connected' ? null : (health.detail ?? health.state));
    });
    bus.start();
  });
  if (result !== null) {
    await bus.stop();
    throw new CliError(`cannot open the signage bus ${path}: ${result}`);
  }
}

/** qms-station sign: shows a text on a counter's LED sign (or clears it); exit 0 once the sign acknowledged. */
export async function signCommand(flags: BusFlags & { address?: string; text?: string; clear?: boolean }): Promise<void> {
  const address = addressOf(flags.address);
  if (flags.text === undefined && !flags.clear) throw new CliError('give --text LABEL to show, or --clear');
  try {
    if (flags.text !== undefined) checkSignText(flags.text); // before the bus is opened for nothing
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const bus = busOf(flags);
  await opened(bus, flags.serial ?? '');
  try {
    if (flags.clear) await bus.clear(address);
    else await bus.show(address, flags.text ?? '');
    process.stdout.write(`sign ${address} ${flags.clear ? 'cleared' : `shows "${flags.text}"`}\n`);
  } catch (error) {
    if (error instanceof SignageError) throw new CliError(error.message);
    throw error;
  } finally {
    await bus.stop();
  }
}

/** qms-station keypad: one JSON line per key pressed on any caller keypad ({"address":3,"key":"next"}) or rating keypad ({"address":5,"score":4}) of the bus. */
export async function keypadCommand(flags: BusFlags & { once?: boolean }): Promise<void> {
  const bus = busOf(flags);
  await opened(bus, flags.serial ?? '');
  process.stderr.write('qms-station: press a key on a caller keypad or a rating keypad (Ctrl+C to stop)\n');
  await new Promise<void>((resolve) => {
    const print = (event: object) => {
      process.stdout.write(`${JSON.stringify(event)}\n`);
      if (flags.once) resolve();
    };
    bus.on('key', print);
    bus.on('rating', print);
    bus.on('status', (status, detail) => process.stderr.write(`qms-station: signage bus ${status}: ${detail}\n`));
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await bus.stop();
}
