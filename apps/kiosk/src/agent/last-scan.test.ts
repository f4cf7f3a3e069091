import { FakeClock } from '@qms/core';
import { interpretScan } from '@qms/scanner';
import { describe, expect, it } from 'vitest';
import { LastScan } from './last-scan.js';

const CCCD = '001203012345|123456789|Nguyễn Văn An|15081990|Nam|Số 12, thôn Đông, xã Hòa Bình|20042021';

describe('the last scan a technician may see', () => {
  it('is null until something is read, then the latest, with its time and source', () => {
    const clock = new FakeClock('2026-11-27T01:00:00.000Z');
    const last = new LastScan(clock);
    expect(last.value).toBeNull();
    last.record('screen', interpretScan('https://hub.local/t/12-A012'));
    clock.advance(1_000);
    last.record('serial', interpretScan(CCCD));
    expect(last.value).toEqual({ at: '2026-11-27T01:00:01.000Z', source: 'serial', kind: 'cccd', text: '001******345' });
  });

  it('keeps nothing of a card but its masked number, and masks long digit runs in anything else', () => {
    const last = new LastScan(new FakeClock('2026-11-27T01:00:00.000Z'));
    last.record('serial', interpretScan(CCCD));
    expect(JSON.stringify(last.value)).not.toMatch(/001203012345|123456789|Nguyễn|15081990/);
    last.record('serial', interpretScan('001203012345|123456789|Nguyễn Văn An|31021990|Nam|Hòa Bình|20042021'));
    expect(last.value).toMatchObject({ kind: 'invalid', text: expect.stringContaining('date of birth') });
    expect(JSON.stringify(last.value)).not.toContain('001203012345');
    last.record('screen', interpretScan('ID 001203012345 and old 123456789, order 12345678'));
    expect(last.value).toMatchObject({ kind: 'text', text: 'ID 001******345 and old 123***789, order 12345678' });
  });
});
