import { describe, expect, it } from 'vitest';
import { FakeClock } from './clock.js';

describe('FakeClock', () => {
  it('runs what was scheduled as time passes, in order, at its own moment', () => {
    const clock = new FakeClock('2026-11-27T01:00:00Z');
    const ran: string[] = [];
    clock.schedule(3_000, () => ran.push(`c@${clock.now().toISOString()}`));
    clock.schedule(1_000, () => {
      ran.push('a');
      clock.schedule(500, () => ran.push('b'));
    });
    const cancel = clock.schedule(2_000, () => ran.push('never'));
    cancel();
    clock.advance(2_000);
    expect(ran).toEqual(['a', 'b']);
    clock.advance(1_000);
    expect(ran).toEqual(['a', 'b', 'c@2026-11-27T01:00:03.000Z']);
    expect(clock.pending).toBe(0);
  });

  it('lets retry loops that await a sleep run on', async () => {
    const clock = new FakeClock('2026-11-27T01:00:00Z');
    let attempts = 0;
    const loop = (async () => {
      while (attempts < 4) {
        attempts++;
        await clock.sleep(1_000);
      }
      return clock.now().toISOString();
    })();
    await clock.advanceAsync(2_500);
    expect(attempts).toBe(3);
    await clock.advanceAsync(1_500);
    expect(await loop).toBe('2026-11-27T01:00:04.000Z');
  });

  it('ends a sleep at once when its signal aborts', async () => {
    const clock = new FakeClock('2026-11-27T01:00:00Z');
    const abort = new AbortController();
    const slept = clock.sleep(60_000, abort.signal);
    abort.abort();
    await slept;
    expect(clock.pending).toBe(0);
  });
});
