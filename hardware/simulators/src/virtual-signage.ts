import { EventEmitter } from 'node:events';
import { BROADCAST, COMMANDS, encodeFrame, type Frame, FrameReader, KEYPAD_CODES, type KeypadKey, RATING_KEY_CODES } from '@qms/signage';
import { SerialPort } from 'serialport';

export interface LedState {
  text: string;
  brightness: number;
  /** How many times the display was told to blink, in all. */
  flashes: number;
}

type Events = { shown: [address: number, text: string] };

/**
 * Counter LED displays, caller keypads and rating keypads on one end of a pseudo-terminal pair (the bus): the
 * real SignageBus driver talks to the other end. Displays show what they are told and acknowledge;
 * keypads send key presses and repeat them until the master acknowledges.
 */
export class VirtualSignageBus extends EventEmitter<Events> {
  readonly displays = new Map<number, LedState>();
  private readonly keypads = new Set<number>();
  private readonly reader = new FrameReader();
  private readonly port: SerialPort;
  private readonly opened: Promise<void>;
  private readonly pendingKeys = new Map<number, { code: number; timer: NodeJS.Timeout }>();
  /** How many PINGs the device at each address answered. */
  readonly pings = new Map<number, number>();
  /** Frames to ignore (no ACK), to test the master's retries. */
  deafFor = 0;

  constructor(path: string, devices: { displays?: number[]; keypads?: number[] } = {}) {
    super();
    for (const address of devices.displays ?? []) this.displays.set(address, { text: '', brightness: 8, flashes: 0 });
    for (const address of devices.keypads ?? []) this.keypads.add(address);
    // Through serialport (event-driven polling): a blocking read on a pseudo-terminal would hold a
    // libuv pool thread until data came, and four such reads would stall all file I/O.
    this.port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
    this.port.on('data', (chunk: Buffer) => {
      for (const frame of this.reader.push(chunk)) this.onFrame(frame);
    });
    this.port.on('error', () => undefined); // the bus was unplugged by the test
    this.opened = new Promise((resolve, reject) => this.port.open((error) => (error ? reject(error) : resolve())));
  }

  /** Resolves once the devices listen on the bus. */
  ready(): Promise<void> {
    return this.opened;
  }

  private write(frame: Frame): void {
    if (this.port.isOpen) this.port.write(encodeFrame(frame));
  }

  /** A key pressed on the caller keypad at this address: sent, and repeated every 150 ms until acknowledged. */
  press(address: number, key: KeypadKey): void {
    this.sendKey(address, KEYPAD_CODES[key]);
  }

  /** A key pressed on the citizen's rating keypad at this address: the digit of its score, sent like any key. */
  pressRating(address: number, score: number): void {
    const code = String(score);
    if (!RATING_KEY_CODES.includes(code)) throw new Error(`a rating keypad has the keys ${RATING_KEY_CODES.join(', ')}, not ${score}`);
    this.sendKey(address, code);
  }

  private sendKey(address: number, key: string): void {
    if (!this.keypads.has(address)) throw new Error(`no keypad at address ${address}`);
    const code = key.charCodeAt(0);
    const send = () => this.write({ address, command: COMMANDS.key, data: Buffer.from([code]) });
    clearInterval(this.pendingKeys.get(address)?.timer);
    send();
    this.pendingKeys.set(address, { code, timer: setInterval(send, 150) });
  }

  async close(): Promise<void> {
    for (const { timer } of this.pendingKeys.values()) clearInterval(timer);
    await this.opened.catch(() => undefined);
    if (this.port.isOpen) await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }

  private onFrame(frame: Frame): void {
    if (frame.command === COMMANDS.keyAck) {
      const pending = this.pendingKeys.get(frame.address);
      if (pending && frame.data[0] === pending.code) {
        clearInterval(pending.timer);
        this.pendingKeys.delete(frame.address);
      }
      return;
    }
    const targets = frame.address === BROADCAST ? [...this.displays.keys()] : this.displays.has(frame.address) || this.keypads.has(frame.address) ? [frame.address] : [];
    for (const address of targets) {
      const display = this.displays.get(address);
      if (display && frame.command === COMMANDS.show) {
        display.text = frame.data.toString('ascii');
        this.emit('shown', address, display.text);
      }
      if (display && frame.command === COMMANDS.clear) display.text = '';
      if (display && frame.command === COMMANDS.brightness) display.brightness = frame.data[0] ?? display.brightness;
      if (display && frame.command === COMMANDS.flash) display.flashes += frame.data[0] ?? 0;
    }
    if (frame.address === BROADCAST || targets.length === 0) return;
    if (this.deafFor > 0) {
      this.deafFor--;
      return;
    }
    if (frame.command === COMMANDS.ping) this.pings.set(frame.address, (this.pings.get(frame.address) ?? 0) + 1);
    this.write({ address: frame.address, command: COMMANDS.ack, data: Buffer.from([frame.command]) });
  }
}
