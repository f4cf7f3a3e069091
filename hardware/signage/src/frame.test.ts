import { describe, expect, it } from 'vitest';
import { COMMANDS, crc8, encodeFrame, FrameReader } from './frame.js';

describe('signage frames', () => {
  it('have golden bytes: STX ADDR CMD LEN DATA CRC ETX', () => {
    expect(encodeFrame({ address: 4, command: COMMANDS.show, data: Buffer.from('A001') }).toString('hex')).toBe('0204010441303031d1' + '03');
    // Address 3 is ETX: it travels escaped.
    expect(
      encodeFrame({ address: 3, command: COMMANDS.clear, data: Buffer.alloc(0) })
        .subarray(0, 3)
        .toString('hex'),
    ).toBe('021023');
    expect(crc8([0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39])).toBe(0xf4); // CRC-8 check value of "123456789"
  });

  it('escape STX, ETX and DLE inside a frame', () => {
    const frame = encodeFrame({ address: 2, command: COMMANDS.show, data: Buffer.from([0x02, 0x03, 0x10]) });
    expect([...frame.subarray(1, -1)]).not.toContain(0x02);
    expect([...frame.subarray(1, -1)]).not.toContain(0x03);
    expect(new FrameReader().push(frame)).toEqual([{ address: 2, command: COMMANDS.show, data: Buffer.from([0x02, 0x03, 0x10]) }]);
  });

  it('reassemble split and joined frames, skip noise, drop a corrupted frame', () => {
    const a = encodeFrame({ address: 1, command: COMMANDS.show, data: Buffer.from('B012') });
    const b = encodeFrame({ address: 2, command: COMMANDS.clear, data: Buffer.alloc(0) });
    const corrupted = Buffer.from(a);
    corrupted[4] = (corrupted[4] ?? 0) ^ 0xff;
    const reader = new FrameReader();
    const stream = Buffer.concat([Buffer.from([0xff, 0x00]), corrupted, a, b]);
    const frames = [...reader.push(stream.subarray(0, 7)), ...reader.push(stream.subarray(7))];
    expect(frames.map((frame) => [frame.address, frame.command, frame.data.toString()])).toEqual([
      [1, COMMANDS.show, 'B012'],
      [2, COMMANDS.clear, ''],
    ]);
    expect(reader.dropped).toBe(1);
  });
});
