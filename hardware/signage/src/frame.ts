/** The signage bus frame (see PROTOCOL.md): STX ADDR CMD LEN DATA CRC ETX with DLE transparency. */

export const STX = 0x02;
export const ETX = 0x03;
export const DLE = 0x10;
export const BROADCAST = 0xff;
export const MAX_DATA = 200;

export const COMMANDS = { show: 0x01, clear: 0x02, brightness: 0x03, flash: 0x04, ping: 0x05, ack: 0x06, key: 0x10, keyAck: 0x11 } as const;

export interface Frame {
  address: number;
  command: number;
  data: Buffer;
}

/** CRC-8, polynomial 0x07, initial 0x00. */
export function crc8(bytes: Iterable<number>): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

export function encodeFrame(frame: Frame): Buffer {
  if (frame.address < 1 || frame.address > 0xff) throw new RangeError(`address ${frame.address} must be 1-255`);
  if (frame.data.length > MAX_DATA) throw new RangeError(`at most ${MAX_DATA} data bytes`);
  const body = [frame.address, frame.command, frame.data.length, ...frame.data];
  body.push(crc8(body));
  const out = [STX];
  for (const byte of body) {
    if (byte === STX || byte === ETX || byte === DLE) out.push(DLE, byte ^ 0x20);
    else out.push(byte);
  }
  out.push(ETX);
  return Buffer.from(out);
}

/**
 * Reassembles frames from a byte stream that may split or join them, skipping noise and frames
 * whose CRC does not match (counted in `dropped`).
 */
export class FrameReader {
  private body: number[] | undefined;
  private escaped = false;
  dropped = 0;

  push(chunk: Uint8Array): Frame[] {
    const frames: Frame[] = [];
    for (const byte of chunk) {
      if (byte === STX) {
        if (this.body) this.dropped++; // a frame that never ended
        this.body = [];
        this.escaped = false;
        continue;
      }
      if (!this.body) continue; // noise between frames
      if (byte === ETX) {
        const frame = this.finish(this.body);
        this.body = undefined;
        if (frame) frames.push(frame);
        else this.dropped++;
        continue;
      }
      if (this.escaped) {
        this.body.push(byte ^ 0x20);
        this.escaped = false;
      } else if (byte === DLE) {
        this.escaped = true;
      } else {
        this.body.push(byte);
      }
      if (this.body.length > MAX_DATA + 4) {
        this.body = undefined;
        this.dropped++;
      }
    }
    return frames;
  }

  private finish(body: number[]): Frame | undefined {
    if (body.length < 4) return undefined;
    const [address, command, length] = body as [number, number, number];
    if (body.length !== length + 4) return undefined;
    const crc = body[body.length - 1];
    if (crc8(body.slice(0, -1)) !== crc) return undefined;
    return { address, command, data: Buffer.from(body.slice(3, 3 + length)) };
  }
}
