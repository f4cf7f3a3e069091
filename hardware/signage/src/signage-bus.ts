import { EventEmitter } from 'node:events';
import type { DeviceHealth, DeviceHealthSource } from '@qms/core';
import { ReconnectingPort } from '@qms/serial';
import { COMMANDS, encodeFrame, type Frame, FrameReader } from './frame.js';

export type KeypadKey = 'next' | 'recall' | 'no_show' | 'start' | 'finish';
/** The key codes of PROTOCOL.md, and the keys they are. */
export const KEYPAD_CODES: Record<KeypadKey, string> = { next: 'N', recall: 'R', no_show: 'S', start: 'B', finish: 'F' };
const KEYS: Record<string, KeypadKey> = Object.fromEntries(Object.entries(KEYPAD_CODES).map(([key, code]) => [code, key as KeypadKey]));
/** A citizen's rating keypad sends its keys in the same KEY frame: the digits '1' to '9', each the score it gives (PROTOCOL.md). */
export const RATING_KEY_CODES: readonly string[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export interface SignageBusOptions {
  path: string;
  baudRate?: number;
  ackTimeoutMs?: number;
  attempts?: number;
  reconnectMs?: number;
}

export interface SignageBusEvents {
  key: [event: { address: number; key: KeypadKey }];
  /** A rating keypad's key: the score its digit gives. */
  rating: [event: { address: number; score: number }];
  status: [status: 'connected' | 'disconnected', detail: string];
  /** The bus's port, or a device on it that stopped acknowledging (problem `not_answering`). */
  health: [health: DeviceHealth];
}

export class SignageError extends Error {
  override readonly name = 'SignageError';
}

/** What a counter's LED sign can show: up to 8 plain ASCII characters (throws SignageError otherwise). */
export function checkSignText(text: string): void {
  if (!/^[\x20-\x7e]{0,8}$/.test(text)) throw new SignageError(`"${text}" is not up to 8 plain ASCII characters`);
}

/**
 * The master of a signage bus: shows labels on counter LED displays and receives caller keypad
 * and rating keypad presses (PROTOCOL.md). Commands are acknowledged and retried; a key press is acknowledged and
 * counted once even when the keypad repeats it. Reopens the port by itself after an unplug.
 */
export class SignageBus extends EventEmitter<SignageBusEvents> implements DeviceHealthSource {
  private readonly port: ReconnectingPort;
  private readonly reader = new FrameReader();
  private waiting: { address: number; command: number; resolve: () => void } | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly lastKey = new Map<number, { key: string; at: number }>();
  /** Devices whose last command went unacknowledged. */
  private readonly silent = new Set<number>();

  constructor(private readonly options: SignageBusOptions) {
    super();
    this.port = new ReconnectingPort(options);
    this.port.on('status', (status, detail) => this.emit('status', status, detail));
    this.port.on('health', () => this.emit('health', this.health));
    this.port.on('data', (chunk) => {
      for (const frame of this.reader.push(chunk)) this.onFrame(frame);
    });
  }

  get isConnected(): boolean {
    return this.port.connected;
  }

  get health(): DeviceHealth {
    const port = this.port.health;
    if (port.state !== 'connected' || this.silent.size === 0) return port;
    return { state: 'problem', code: 'not_answering', detail: `device ${[...this.silent].join(', ')} on ${this.options.path} does not acknowledge` };
  }

  /**
   * The health of one device on the bus: the port's, or `not_answering` once a command to this
   * address went unacknowledged (until it acknowledges again or sends a frame).
   */
  deviceHealth(address: number): DeviceHealthSource {
    const healthOf = (): DeviceHealth => {
      const port = this.port.health;
      if (port.state !== 'connected' || !this.silent.has(address)) return port;
      return { state: 'problem', code: 'not_answering', detail: `device ${address} on ${this.options.path} does not acknowledge` };
    };
    return {
      get health() {
        return healthOf();
      },
      on: (event: 'health', listener: (health: DeviceHealth) => void) => this.on(event, () => listener(healthOf())),
    };
  }

  private setSilent(address: number, silent: boolean): void {
    if (silent === this.silent.has(address)) return;
    if (silent) this.silent.add(address);
    else this.silent.delete(address);
    this.emit('health', this.health);
  }

  start(): void {
    this.port.start();
  }

  stop(): Promise<void> {
    return this.port.stop();
  }

  /** Shows a label (up to 8 characters) on the display with this address. */
  show(address: number, text: string): Promise<void> {
    checkSignText(text);
    return this.send({ address, command: COMMANDS.show, data: Buffer.from(text, 'ascii') });
  }

  /** Blinks what the display shows, `times` times (a call, a recall). */
  flash(address: number, times = 3): Promise<void> {
    if (!Number.isInteger(times) || times < 1 || times > 9) throw new SignageError(`flash takes 1 to 9 times, not ${times}`);
    return this.send({ address, command: COMMANDS.flash, data: Buffer.from([times]) });
  }

  clear(address: number): Promise<void> {
    return this.send({ address, command: COMMANDS.clear, data: Buffer.alloc(0) });
  }

  ping(address: number): Promise<void> {
    return this.send({ address, command: COMMANDS.ping, data: Buffer.alloc(0) });
  }

  /** Sends a command and waits for its ACK, retrying; one command on the bus at a time. */
  private send(frame: Frame): Promise<void> {
    const next = this.chain.then(() => this.sendNow(frame));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async sendNow(frame: Frame): Promise<void> {
    const attempts = this.options.attempts ?? 3;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const acked = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          this.waiting = undefined;
          resolve(false);
        }, this.options.ackTimeoutMs ?? 150);
        this.waiting = {
          address: frame.address,
          command: frame.command,
          resolve: () => {
            clearTimeout(timer);
            this.waiting = undefined;
            resolve(true);
          },
        };
      });
      if (!this.port.write(encodeFrame(frame))) {
        this.waiting = undefined;
        throw new SignageError(`the signage bus ${this.options.path} is not connected`);
      }
      if (await acked) return this.setSilent(frame.address, false);
    }
    this.setSilent(frame.address, true);
    throw new SignageError(`device ${frame.address} did not acknowledge command 0x${frame.command.toString(16)} after ${attempts} attempts`);
  }

  private onFrame(frame: Frame): void {
    this.setSilent(frame.address, false); // a device that speaks is there
    if (frame.command === COMMANDS.ack) {
      const waiting = this.waiting;
      if (waiting && waiting.address === frame.address && frame.data[0] === waiting.command) waiting.resolve();
      return;
    }
    if (frame.command === COMMANDS.key) {
      const code = String.fromCharCode(frame.data[0] ?? 0);
      this.port.write(encodeFrame({ address: frame.address, command: COMMANDS.keyAck, data: frame.data }));
      const key = KEYS[code];
      const rating = RATING_KEY_CODES.includes(code);
      if (!key && !rating) return;
      const now = Date.now();
      const last = this.lastKey.get(frame.address);
      if (last && last.key === code && now - last.at < 1_000) return; // the keypad repeated it
      this.lastKey.set(frame.address, { key: code, at: now });
      if (key) this.emit('key', { address: frame.address, key });
      else this.emit('rating', { address: frame.address, score: Number(code) });
    }
  }
}
