import { join } from 'node:path';
import { SignageBus } from '@qms/signage';
import { VirtualSignageBus } from '@qms/simulators';
import { afterEach, describe, expect, it } from 'vitest';
import { openSerialPair, type SerialPair } from '../support/serial-pair.js';
import { tempDir } from '../support/temp-dir.js';

/** The real driver (serialport) and simulated LED displays and keypads on a socat pair. */
describe('signage bus', () => {
  const dir = tempDir();
  let pair: SerialPair | undefined;
  let bus: SignageBus | undefined;
  let devices: VirtualSignageBus | undefined;
  afterEach(async () => {
    await devices?.close();
    await bus?.stop();
    await pair?.close();
  });

  async function setUp(name: string) {
    pair = await openSerialPair(join(dir.path, `${name}-master`), join(dir.path, `${name}-devices`));
    devices = new VirtualSignageBus(pair.b, { displays: [1, 2, 3], keypads: [1, 2] });
    await devices.ready();
    bus = new SignageBus({ path: pair.a, reconnectMs: 100 });
    const connected = new Promise((resolve) => bus!.once('status', resolve));
    bus.start();
    await connected;
    return { bus, devices };
  }

  it('shows a called label on the counter display, acknowledged', async () => {
    const { bus, devices } = await setUp('show');
    await bus.show(2, 'A001');
    expect(devices.displays.get(2)?.text).toBe('A001');
    expect(devices.displays.get(1)?.text).toBe('');
    await bus.clear(2);
    expect(devices.displays.get(2)?.text).toBe('');
  });

  it('retries a command the display missed, and says so when it never answers', async () => {
    const { bus, devices } = await setUp('retry');
    devices.deafFor = 2;
    await bus.show(3, 'C105');
    expect(devices.displays.get(3)?.text).toBe('C105');
    await expect(bus.show(9, 'X')).rejects.toThrow(/device 9 did not acknowledge command 0x1 after 3 attempts/);
    expect(() => bus.show(1, 'Đ1')).toThrow(/plain ASCII/);
  });

  it('takes keypad presses once each, even when the keypad repeats them', async () => {
    const { bus, devices } = await setUp('keys');
    const keys: string[] = [];
    bus.on('key', ({ address, key }) => keys.push(`${address}:${key}`));
    devices.press(1, 'next');
    devices.press(2, 'recall');
    await expect.poll(() => keys, { timeout: 2_000 }).toEqual(['1:next', '2:recall']);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(keys).toEqual(['1:next', '2:recall']);
  });

  it("takes a rating keypad's digits as scores, once each, and leaves the caller keypad's keys as they were", async () => {
    const { bus, devices } = await setUp('rating');
    const keys: string[] = [];
    const scores: string[] = [];
    bus.on('key', ({ address, key }) => keys.push(`${address}:${key}`));
    bus.on('rating', ({ address, score }) => scores.push(`${address}:${score}`));
    devices.pressRating(2, 4);
    devices.press(1, 'finish');
    await expect.poll(() => [keys, scores], { timeout: 2_000 }).toEqual([['1:finish'], ['2:4']]);
    devices.pressRating(2, 1);
    await expect.poll(() => scores, { timeout: 2_000 }).toEqual(['2:4', '2:1']);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(scores).toEqual(['2:4', '2:1']);
    expect(() => devices.pressRating(2, 0)).toThrow(/keys 1, 2/);
  });

  it('reports the health of one device on the bus: not answering after a missed command, back when it answers', async () => {
    const { bus, devices } = await setUp('device-health');
    const pad = bus.deviceHealth(2);
    const sign = bus.deviceHealth(3);
    const seen: string[] = [];
    pad.on('health', (health) => seen.push(health.state === 'problem' ? health.code : health.state));
    await bus.ping(2);
    expect(devices.pings.get(2)).toBe(1);
    expect(pad.health).toEqual({ state: 'connected' });
    devices.deafFor = 3;
    await expect(bus.ping(2)).rejects.toThrow(/device 2 did not acknowledge/);
    expect(pad.health).toMatchObject({ state: 'problem', code: 'not_answering' });
    expect(sign.health, 'another device on the bus is not the one that is silent').toEqual({ state: 'connected' });
    // A key pressed on it: it is there again.
    devices.pressRating(2, 3);
    await expect.poll(() => pad.health, { timeout: 2_000 }).toEqual({ state: 'connected' });
    expect(seen).toContain('not_answering');
    expect(seen.at(-1)).toBe('connected');
  });

  it('reconnects when the bus cable is unplugged and plugged back', async () => {
    const { bus } = await setUp('replug');
    await devices!.close();
    const lost = new Promise((resolve) => bus.once('status', resolve));
    await pair!.close();
    expect(await lost).toBe('disconnected');
    await expect(bus.show(1, 'A1')).rejects.toThrow(/not connected/);
    const back = new Promise((resolve) => bus.once('status', resolve));
    pair = await openSerialPair(pair!.a, pair!.b);
    expect(await back).toBe('connected');
    devices = new VirtualSignageBus(pair.b, { displays: [1] });
    await devices.ready();
    await bus.show(1, 'A1');
    expect(devices.displays.get(1)?.text).toBe('A1');
  });
});
