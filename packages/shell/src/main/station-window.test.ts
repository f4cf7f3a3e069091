import { describe, expect, it } from 'vitest';
import { displayFor, findDisplay } from './station-window.js';

const left = { id: 7, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
const right = { id: 3, bounds: { x: 1920, y: 0, width: 800, height: 1280 } };

describe('the monitor of a station window', () => {
  it('is the primary, the first other one, or the n-th', () => {
    expect(findDisplay([left, right], left, 'primary')).toBe(left);
    expect(findDisplay([left, right], left, 'secondary')).toBe(right);
    expect(findDisplay([right, left], left, 'secondary'), 'the other one, wherever the system lists it').toBe(right);
    expect(findDisplay([left, right], left, 1)).toBe(right);
  });

  it('is not found when it is not connected, and the window then goes on the primary', () => {
    expect(findDisplay([left], left, 'secondary')).toBeUndefined();
    expect(findDisplay([left, right], left, 2)).toBeUndefined();
    expect(displayFor([left], left, 'secondary')).toBe(left);
    expect(displayFor([left, right], left, 5)).toBe(left);
  });
});
