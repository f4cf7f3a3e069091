import { FakeClock } from '@qms/core';
import { describe, expect, it } from 'vitest';
import { VIEW_UNANSWERED_MS, ViewPacer } from './view-pacer.js';

describe('ViewPacer', () => {
  function paced() {
    const clock = new FakeClock(new Date('2026-11-30T08:00:00Z'));
    const screen = { now: 0, sent: [] as number[] };
    const pacer = new ViewPacer(
      () => screen.now,
      (view) => screen.sent.push(view),
      clock,
    );
    /** A change: the view becomes `view`. */
    const change = (view: number) => {
      screen.now = view;
      pacer.changed();
    };
    return { clock, screen, pacer, change };
  }

  it('sends at once when nothing is in flight, then only the newest view once the screen drew the last', () => {
    const { screen, pacer, change } = paced();
    change(1);
    expect(screen.sent).toEqual([1]);
    for (let view = 2; view <= 500; view++) change(view);
    expect(screen.sent, 'nothing more while the screen draws').toEqual([1]);
    pacer.drawn();
    expect(screen.sent, 'the newest, once').toEqual([1, 500]);
    pacer.drawn();
    expect(screen.sent, 'nothing changed since: nothing sent').toEqual([1, 500]);
    change(501);
    expect(screen.sent).toEqual([1, 500, 501]);
  });

  it('a screen that never says it drew gets the newest view once a second while things change, and nothing when they do not', () => {
    const { clock, screen, pacer, change } = paced();
    change(1);
    change(2);
    clock.advance(VIEW_UNANSWERED_MS - 1);
    expect(screen.sent).toEqual([1]);
    clock.advance(1);
    expect(screen.sent).toEqual([1, 2]);
    clock.advance(5 * VIEW_UNANSWERED_MS);
    expect(screen.sent, 'no change: no view').toEqual([1, 2]);
    change(3);
    expect(screen.sent, 'nothing in flight any more: at once').toEqual([1, 2, 3]);
    pacer.stop();
    change(4);
    clock.advance(5 * VIEW_UNANSWERED_MS);
    expect(screen.sent, 'stopped: no timer fires').toEqual([1, 2, 3]);
  });
});
