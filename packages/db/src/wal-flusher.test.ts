import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { openDatabase } from './database.js';
import { WalFlusher } from './wal-flusher.js';

describe('WAL flusher (group commit for synchronous=NORMAL)', () => {
  const dir = tempDir();
  afterEach(() => dir.cleanup());

  it('syncs only when something was committed, and shares one sync among the commits made meanwhile', async () => {
    const db = openDatabase(join(dir.path, 'qms.db'), { synchronous: 'NORMAL' });
    const flusher = new WalFlusher(db);
    await flusher.flush();
    expect(flusher.syncCount).toBe(0);

    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    insert.run('a', '1');
    const first = flusher.flush();
    // Commits made while that sync runs wait for the next one, and share it.
    insert.run('b', '2');
    const second = flusher.flush();
    insert.run('c', '3');
    const third = flusher.flush();
    await Promise.all([first, second, third]);
    expect(flusher.syncCount).toBe(2);

    await flusher.flush();
    expect(flusher.syncCount).toBe(2);
    flusher.close();
    db.close();
  });

  it('refuses a database that is not in WAL mode', () => {
    const db = openDatabase(':memory:');
    expect(() => new WalFlusher(db)).toThrow(/WAL mode/);
    db.close();
  });
});
