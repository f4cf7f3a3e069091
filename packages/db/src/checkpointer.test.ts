import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { BackgroundCheckpointer } from './checkpointer.js';
import { openDatabase } from './database.js';

describe('background checkpointer', () => {
  const dir = tempDir();
  afterEach(() => dir.cleanup());

  it('copies committed pages into the database file from its own thread, and restarts a large WAL', async () => {
    const file = join(dir.path, 'qms.db');
    const db = openDatabase(file, { synchronous: 'NORMAL' });
    db.pragma('wal_autocheckpoint = 0');
    db.pragma('journal_size_limit = 0');
    const errors: string[] = [];
    const checkpointer = new BackgroundCheckpointer(file, (message) => errors.push(message), { intervalMs: 20, restartAboveBytes: 256 * 1024 });
    await checkpointer.whenReady();
    const sizeBefore = statSync(file).size;
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    for (let i = 0; i < 2_000; i++) insert.run(`k${i}`, 'x'.repeat(200));
    const walAfterWrites = statSync(`${file}-wal`).size;
    expect(walAfterWrites).toBeGreaterThan(256 * 1024);

    // The database file grows as the worker copies the pages in; nothing here checkpoints.
    await expect.poll(() => statSync(file).size, { timeout: 5_000 }).toBeGreaterThan(sizeBefore + 200 * 1024);
    // Once everything is copied, the next write restarts the WAL from its beginning (and truncates it).
    await new Promise((resolve) => setTimeout(resolve, 200));
    insert.run('after', 'x');
    expect(statSync(`${file}-wal`).size).toBeLessThan(walAfterWrites);
    await checkpointer.stop();
    expect(errors).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 2_001 });
    db.close();
  });
});
