import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { startNightlyBackups, type NightlyBackups } from '@qms/hub';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { businessDay } from '@qms/core';
import { startHubProcess } from '../support/hub-process.js';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

type Entry = { action: string; actor: { name: string }; details: Record<string, unknown> };

/** Copies of the database: downloaded now (GET /api/backup), written nightly by qms hub, listed and downloaded (GET /api/backups). */
describe('backups', () => {
  let hub: TestHub;
  let nightly: NightlyBackups | undefined;
  beforeEach(async () => {
    hub = await createTestHub();
  });
  afterEach(async () => {
    nightly?.stop();
    await nightly?.idle();
    nightly = undefined;
    await hub.close();
  });

  const get = (url: string, token = hub.tokens.technician) => hub.app.inject({ method: 'GET', url, headers: bearer(token) });
  const issue = async (serviceId: number) => {
    const reply = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId } });
    expect(reply.statusCode).toBe(201);
  };
  const backupsDir = () => join(hub.dataDir, 'backups');
  /** Writes bytes to a file and opens it as a database, as a technician would. */
  const openBytes = (bytes: Buffer, name: string) => {
    const file = join(hub.dataDir, `opened-${name}`);
    writeFileSync(file, bytes);
    return new Database(file, { readonly: true, fileMustExist: true });
  };
  const audit = async (query: string) => (await get(`/api/audit${query}`)).json<{ entries: Entry[] }>().entries;

  it('GET /api/backup sends a consistent copy made now, with the tickets of today, and leaves no file behind', async () => {
    for (const serviceId of [hub.centre.a.id, hub.centre.a.id, hub.centre.b.id]) await issue(serviceId);
    hub.clock.advance(90 * 60_000); // 09:30 in Hanoi
    const reply = await get('/api/backup');
    expect(reply.statusCode, reply.body.slice(0, 200)).toBe(200);
    expect(reply.headers['content-type']).toBe('application/vnd.sqlite3');
    expect(reply.headers['content-disposition']).toBe('attachment; filename="qms-backup-20261127-0930.sqlite"');
    expect(Number(reply.headers['content-length'])).toBe(reply.rawPayload.length);

    const copy = openBytes(reply.rawPayload, 'download.sqlite');
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare("SELECT label FROM tickets WHERE business_day = '2026-11-27' ORDER BY label").pluck().all()).toEqual(['A001', 'A002', 'B001']);
    copy.close();

    // The temporary copy is gone once sent.
    await expect.poll(() => readdirSync(backupsDir())).toEqual([]);
    expect((await audit('?action=backup.downloaded'))[0]).toMatchObject({
      actor: { name: 'technician1' },
      details: { name: 'qms-backup-20261127-0930.sqlite', bytes: reply.rawPayload.length },
    });
  });

  it('streams the copy over real HTTP, and deletes the temporary file once sent while the hub keeps running', async () => {
    await issue(hub.centre.b.id);
    const url = await hub.listen();
    const reply = await fetch(`${url}/api/backup`, { headers: bearer(hub.tokens.technician) });
    expect(reply.status).toBe(200);
    const bytes = Buffer.from(await reply.arrayBuffer());
    expect(bytes.length).toBe(Number(reply.headers.get('content-length')));
    const copy = openBytes(bytes, 'http.sqlite');
    expect(copy.prepare('SELECT label FROM tickets').pluck().all()).toEqual(['B001']);
    copy.close();
    await expect.poll(() => readdirSync(backupsDir())).toEqual([]);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  });

  it('is for the administrator and the technician only', async () => {
    expect((await get('/api/backup', hub.tokens.staff)).json()).toMatchObject({ error: { code: 'auth.forbidden' } });
    expect((await get('/api/backups', hub.tokens.staff)).json()).toMatchObject({ error: { code: 'auth.forbidden' } });
    expect((await get('/api/backup', hub.tokens.admin)).statusCode).toBe(200);
  });

  it('qms hub writes DATA/backups/qms-YYYYMMDD.sqlite every night at backup.at and deletes those older than keepDays', async () => {
    mkdirSync(backupsDir(), { recursive: true });
    // Copies of earlier nights (content does not matter here), and files that are not nightly copies.
    for (const name of ['qms-20261110.sqlite', 'qms-20261112.sqlite', 'qms-20261125.sqlite', 'notes.txt', 'qms-20261399.sqlite']) writeFileSync(join(backupsDir(), name), 'x');
    await issue(hub.centre.a.id);

    // 08:00 in Hanoi, after 02:30: today's copy is missing (the hub was off at night), so it is written at start.
    nightly = startNightlyBackups({ db: hub.ctx.db, dataDir: hub.dataDir, timeZone: 'Asia/Ho_Chi_Minh', at: '02:30', keepDays: 14, clock: hub.clock, logger: pino({ level: 'silent' }) });
    expect(nightly.nextAt.toISOString()).toBe('2026-11-27T19:30:00.000Z'); // 02:30 on the 28th, Hanoi
    await nightly.idle();
    expect(existsSync(join(backupsDir(), 'qms-20261127.sqlite'))).toBe(true);
    // 14 days kept: 13 November onwards; the 10th and 12th are older.
    expect(readdirSync(backupsDir()).sort()).toEqual(['notes.txt', 'qms-20261125.sqlite', 'qms-20261127.sqlite', 'qms-20261399.sqlite']);

    await issue(hub.centre.b.id);
    hub.clock.advance(nightly.nextAt.getTime() - hub.clock.now().getTime() - 1);
    await nightly.idle();
    expect(existsSync(join(backupsDir(), 'qms-20261128.sqlite'))).toBe(false); // not a millisecond early
    hub.clock.advance(1);
    await nightly.idle();
    expect(existsSync(join(backupsDir(), 'qms-20261128.sqlite'))).toBe(true);
    expect(nightly.nextAt.toISOString()).toBe('2026-11-28T19:30:00.000Z');

    const copy = new Database(join(backupsDir(), 'qms-20261128.sqlite'), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT label FROM tickets ORDER BY label').pluck().all()).toEqual(['A001', 'B001']);
    copy.close();

    // keepDays 14: the copy of the 25th is 14 days old on 9 December and stays; on the 10th it is older, and goes.
    const nights = async (count: number) => {
      for (let night = 0; night < count; night++) {
        hub.clock.advance(nightly!.nextAt.getTime() - hub.clock.now().getTime());
        await nightly!.idle();
      }
    };
    await nights(11);
    expect(existsSync(join(backupsDir(), 'qms-20261209.sqlite'))).toBe(true);
    expect(existsSync(join(backupsDir(), 'qms-20261125.sqlite'))).toBe(true);
    await nights(1);
    expect(existsSync(join(backupsDir(), 'qms-20261125.sqlite'))).toBe(false);
    await hub.signIn(); // the sessions ended days ago
    const listed = (await get('/api/backups')).json<{ name: string; bytes: number; at: string }[]>();
    // Newest first, the nightly copies only (not notes.txt, not a date that does not exist).
    const december = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((day) => `qms-202612${String(day).padStart(2, '0')}.sqlite`);
    expect(listed.map((file) => file.name)).toEqual([...december, 'qms-20261130.sqlite', 'qms-20261129.sqlite', 'qms-20261128.sqlite', 'qms-20261127.sqlite']);
    expect(listed[0]).toEqual({ name: 'qms-20261210.sqlite', bytes: expect.any(Number), at: expect.stringMatching(/Z$/) });
    expect(listed[0]?.bytes).toBeGreaterThan(4096);
  });

  it('GET /api/backups/{name} sends one nightly copy, and nothing outside the backups folder', async () => {
    await issue(hub.centre.c.id);
    nightly = startNightlyBackups({ db: hub.ctx.db, dataDir: hub.dataDir, timeZone: 'Asia/Ho_Chi_Minh', at: '02:30', keepDays: 14, clock: hub.clock, logger: pino({ level: 'silent' }) });
    await nightly.idle();

    const reply = await get('/api/backups/qms-20261127.sqlite');
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('application/vnd.sqlite3');
    expect(reply.headers['content-disposition']).toBe('attachment; filename="qms-20261127.sqlite"');
    const copy = openBytes(reply.rawPayload, 'nightly.sqlite');
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT label FROM tickets').pluck().all()).toEqual(['C1']); // service C numbers 1 to 3
    copy.close();
    expect((await audit('?action=backup.'))[0]).toMatchObject({ details: { name: 'qms-20261127.sqlite', bytes: reply.rawPayload.length } });

    writeFileSync(join(backupsDir(), 'notes.txt'), 'not a backup');
    for (const name of ['qms-20261126.sqlite', '..%2Fqms.db', '%2E%2E%2F%2E%2E%2Fetc%2Fpasswd', 'qms.db', 'notes.txt', 'qms-20261127.sqlite.partial', 'qms-2026112.sqlite', 'QMS-20261127.SQLITE']) {
      const refused = await get(`/api/backups/${name}`);
      expect([refused.statusCode, refused.json().error.code], name).toEqual([404, 'backup.not_found']);
      expect(refused.json().error.message, name).toMatch(/GET \/api\/backups lists them/);
    }
  });

  it('is scheduled by the qms hub command, with backup.at from the environment (a real process and clock)', async () => {
    const dataDir = join(hub.dataDir, 'process');
    // 00:00 has always passed today: the hub writes today's copy as it starts, then waits for midnight.
    const running = await startHubProcess(dataDir, { env: { QMS_BACKUP_AT: '00:00', QMS_BACKUP_KEEP_DAYS: '2', QMS_LOG_LEVEL: 'info' } });
    try {
      const today = businessDay(new Date(), 'Asia/Ho_Chi_Minh').replaceAll('-', '');
      await expect.poll(() => existsSync(join(dataDir, 'backups', `qms-${today}.sqlite`))).toBe(true);
      expect(running.stderr()).toMatch(/"keepDays":2,"msg":"nightly backups scheduled"/);
    } finally {
      expect(await running.stop()).toBe(0);
    }
  });
});
