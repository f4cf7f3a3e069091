import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { defaultEngineSettings, FakeClock, QueueEngine } from '@qms/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedSmallCentre } from '../../../tests/support/centre.js';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { backupDatabase, restoreDatabase, verifyDatabaseFile } from './backup.js';
import { loadMigrations } from './migrate.js';
import { SqliteConfigStore } from './config-store.js';
import { openDatabase } from './database.js';
import { SqliteQueueStore } from './queue-store.js';

describe('backup and restore', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.cleanup());

  async function liveDatabase() {
    const db = openDatabase(join(dir.path, 'qms.db'));
    const store = new SqliteQueueStore(db);
    const centre = await seedSmallCentre(new SqliteConfigStore(db, store));
    const engine = new QueueEngine(store, new FakeClock('2026-11-27T01:00:00Z'), () => defaultEngineSettings('Asia/Ho_Chi_Minh'));
    return { db, store, centre, engine };
  }

  it('copies a live database, committed rows included, while it keeps being written', async () => {
    const { db, centre, engine } = await liveDatabase();
    for (let i = 0; i < 50; i++) engine.issue({ serviceId: centre.a.id, issuedBy: 'user:1' });
    const target = join(dir.path, 'backup.db');
    const backup = backupDatabase(db, target);
    for (let i = 0; i < 10; i++) engine.issue({ serviceId: centre.b.id, issuedBy: 'user:1' });
    await backup;
    db.close();
    expect(verifyDatabaseFile(target)).toEqual({ ok: true, version: loadMigrations().length });
    // One self-contained file: no WAL mode, nothing left beside it.
    expect(readdirSync(dir.path).filter((name) => name.startsWith('backup.db'))).toEqual(['backup.db']);
    const raw = new Database(target, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('delete');
    raw.close();
    const copy = openDatabase(target);
    const count = (copy.prepare("SELECT count(*) AS n FROM tickets WHERE label LIKE 'A%'").get() as { n: number }).n;
    expect(count).toBe(50);
    copy.close();
  });

  it('restores a backup in place of the current database and keeps the current one aside', async () => {
    const { db, centre, engine } = await liveDatabase();
    engine.issue({ serviceId: centre.a.id, issuedBy: 'user:1' });
    const backupFile = join(dir.path, 'backup.db');
    await backupDatabase(db, backupFile);
    engine.issue({ serviceId: centre.a.id, issuedBy: 'user:1' });
    db.close();

    const { keptAs, version } = await restoreDatabase(backupFile, join(dir.path, 'qms.db'), 'stamp');
    expect(version).toBe(loadMigrations().length);
    expect(keptAs).toBe(join(dir.path, 'qms.db.before-restore-stamp'));
    const restored = openDatabase(join(dir.path, 'qms.db'));
    expect(restored.prepare('SELECT count(*) AS n FROM tickets').get()).toEqual({ n: 1 });
    restored.close();
    const kept = openDatabase(keptAs as string);
    expect(kept.prepare('SELECT count(*) AS n FROM tickets').get()).toEqual({ n: 2 });
    kept.close();
  });

  it('refuses files that are not qms databases, without touching the current one', async () => {
    const { db } = await liveDatabase();
    db.close();
    const text = join(dir.path, 'notes.txt');
    writeFileSync(text, 'not a database at all, just some text that is long enough to have a header');
    expect(verifyDatabaseFile(text)).toMatchObject({ ok: false, reason: expect.stringMatching(/not a readable SQLite database/) });
    const emptySqlite = join(dir.path, 'empty.db');
    openDatabase(emptySqlite, { migrate: false }).close();
    expect(verifyDatabaseFile(emptySqlite)).toMatchObject({ ok: false, reason: expect.stringMatching(/not a qms database/) });
    expect(verifyDatabaseFile(join(dir.path, 'missing.db'))).toMatchObject({ ok: false });
    await expect(restoreDatabase(text, join(dir.path, 'qms.db'), 'x')).rejects.toThrow(/cannot restore/);
    expect(verifyDatabaseFile(join(dir.path, 'qms.db'))).toMatchObject({ ok: true });
  });
});
