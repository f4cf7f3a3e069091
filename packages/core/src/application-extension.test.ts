import { describe, expect, it } from 'vitest';
import { checkExtension, promisedDueAt } from './application-extension.js';
import { DomainError } from './errors.js';

const MONDAY = new Date('2026-11-30T10:00:00.000Z');
const WEDNESDAY = '2026-12-02T10:00:00.000Z';
const THURSDAY = '2026-12-03T10:00:00.000Z';

function refusal(fn: () => void): { code: string } | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? { code: error.code } : undefined;
  }
}

describe('extensions of a late application', () => {
  it('promises the latest extension, unless a later pause moved the due date past it', () => {
    expect(promisedDueAt(MONDAY, [])).toEqual(MONDAY);
    expect(promisedDueAt(MONDAY, [{ toDueAt: WEDNESDAY }, { toDueAt: THURSDAY }]).toISOString()).toBe(THURSDAY);
    expect(promisedDueAt(new Date('2026-12-04T10:00:00.000Z'), [{ toDueAt: WEDNESDAY }]).toISOString()).toBe('2026-12-04T10:00:00.000Z');
  });

  it('takes a later date not in the past for an application in progress, and refuses the others', () => {
    const base = { code: 'UBND-261127-0001', status: 'processing' as const, verdict: 'overdue' as const, currentDue: MONDAY, now: new Date('2026-12-01T01:00:00.000Z') };
    expect(refusal(() => checkExtension({ ...base, newDue: new Date(WEDNESDAY) }))).toBeUndefined();
    expect(refusal(() => checkExtension({ ...base, newDue: MONDAY }))).toEqual({ code: 'application.extension_invalid' });
    expect(refusal(() => checkExtension({ ...base, currentDue: new Date('2026-11-25T10:00:00.000Z'), newDue: new Date('2026-11-30T10:00:00.000Z') }))).toEqual({
      code: 'application.extension_invalid',
    });
    for (const [status, verdict] of [
      ['processed', 'late'],
      ['returned', 'on_time'],
      ['refused', 'on_time'],
      ['stopped', 'late'],
      ['withdrawn', 'withdrawn'],
    ] as const) {
      expect(
        refusal(() => checkExtension({ ...base, status, verdict, newDue: new Date(WEDNESDAY) })),
        status,
      ).toEqual({ code: 'application.finished' });
    }
  });
});
