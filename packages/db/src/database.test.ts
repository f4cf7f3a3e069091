import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { CACHE_KIB, openDatabase } from './database.js';

describe('openDatabase', () => {
  it('gives every connection a page cache of CACHE_KIB, not the 16 MB better-sqlite3 is compiled with', () => {
    const dir = tempDir('qms-db-open-');
    const file = join(dir.path, 'qms.db');
    const writer = openDatabase(file, { synchronous: 'NORMAL' });
    const reader = openDatabase(file, { readonly: true, migrate: false });
    try {
      for (const db of [writer, reader]) expect(db.pragma('cache_size', { simple: true })).toBe(-CACHE_KIB);
      expect(writer.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(writer.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(reader.pragma('synchronous', { simple: true })).toBe(2); // FULL
    } finally {
      writer.close();
      reader.close();
      dir.cleanup();
    }
  });
});
