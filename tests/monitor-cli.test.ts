import { businessDay } from '@qms/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQmsAsync } from './support/hub-process.js';
import { createTestHub, type TestHub } from './support/test-hub.js';

/**
 * `qms monitor --once` on the hub machine: one frame read from the hub's database. The command reads
 * the wall clock, so the tickets are written for the real today, as a hub would have them.
 */
describe('qms monitor', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub();
  });
  afterAll(() => hub.close());

  it('prints the alarms, each field and counter, and today per hour', async () => {
    const now = Date.now();
    const today = businessDay(new Date(now), 'Asia/Ho_Chi_Minh');
    const { a, c, counter3 } = hub.centre;
    const insert = hub.ctx.db.prepare(
      `INSERT INTO tickets (business_day, issue_service_id, number, label, service_id, priority, status, issued_at, issued_by) VALUES (?, ?, ?, ?, ?, 'normal', 'waiting', ?, 'test')`,
    );
    insert.run(today, a.id, 901, 'A901', a.id, new Date(now - 20 * 60_000).toISOString());
    insert.run(today, c.id, 902, 'C902', c.id, new Date(now - 60_000).toISOString());
    hub.ctx.db.prepare("UPDATE counters SET status = 'paused' WHERE id = ?").run(counter3.id);
    hub.ctx.db.prepare("INSERT INTO counter_pauses (counter_id, reason, started_at) VALUES (?, 'meeting', ?)").run(counter3.id, new Date(now - 5 * 60_000).toISOString());

    const result = await runQmsAsync(['monitor', '--once', '--data', hub.dataDir]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toContain(`floor monitor · ${today}`);
    expect(lines).toContain('CẢNH BÁO / ALARMS (2)');
    expect(result.stdout).toMatch(/! A dat-dai: có người đã chờ 2\d:\d\d \(quá 15 phút\)/);
    expect(result.stdout).toContain('! C chung-thuc: 1 người chờ, không quầy nào mở');
    expect(lines.find((line) => line.startsWith('A dat-dai'))).toMatch(/^A dat-dai\s+1\s+2\d:\d\d\s+1$/);
    expect(lines.find((line) => line.startsWith('3 Quầy 3'))).toMatch(/tạm dừng \(họp\)\s+0[45]:\d\d$/);
    const perHour = lines.filter((line) => /^ {2}\d\dh /.test(line)).map((line) => line.trim().split(/\s+/));
    expect(perHour.reduce((sum, [, issued]) => sum + Number(issued), 0)).toBe(2);
    expect(perHour.every(([, , served, bar]) => served === '0' && /^█+$/.test(bar ?? ''))).toBe(true);
  });

  it('refuses a bad interval in words', async () => {
    const result = await runQmsAsync(['monitor', '--interval', '0', '--data', hub.dataDir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('qms: --interval "0" must be a number of seconds from 1 to 3600\n');
  });
});
