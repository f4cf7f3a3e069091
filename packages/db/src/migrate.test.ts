import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { openDatabase } from './database.js';
import { loadMigrations, migrate, SchemaTooNewError, schemaVersion } from './migrate.js';

const migrations = loadMigrations();
const LATEST = migrations.length;

/** Rows written right after reaching each version, so an upgrade is tested with data in place. */
const FIXTURES: Record<number, (db: Database.Database) => void> = {
  1: (db) => {
    db.prepare("INSERT INTO services (id, code, name, name_en, prefix, range_start, range_end) VALUES (1, 'dat-dai', 'Đất đai', 'Land', 'A', 1, 999)").run();
    db.prepare("INSERT INTO counters (id, number, name) VALUES (1, 1, 'Quầy 1')").run();
    db.prepare('INSERT INTO counter_services (counter_id, service_id, position) VALUES (1, 1, 0)').run();
    db.prepare(
      `INSERT INTO tickets (business_day, issue_service_id, number, label, service_id, priority, status, issued_at, issued_by)
       VALUES ('2026-11-27', 1, 1, 'A001', 1, 'elderly', 'waiting', '2026-11-27T01:00:00.000Z', 'user:1')`,
    ).run();
    db.prepare("INSERT INTO events (type, at, payload) VALUES ('ticket.issued', '2026-11-27T01:00:00.000Z', '{}')").run();
  },
  2: (db) => {
    db.prepare("INSERT INTO users (username, role, password_hash, created_at, password_changed_at) VALUES ('admin', 'admin', 'x', 'now', 'now')").run();
  },
  3: (db) => {
    db.prepare("UPDATE users SET pin_hash = 'p' WHERE username = 'admin'").run();
  },
  4: (db) => {
    db.prepare("INSERT INTO ticket_citizens (ticket_id, name, id_masked) VALUES (1, 'NGUYỄN VĂN A', '001******345')").run();
    db.prepare("INSERT INTO devices (kind, name, status, created_at) VALUES ('kiosk', 'Kiosk 1', 'approved', 'now')").run();
    db.prepare("INSERT INTO device_alerts (device_id, source, code, message, raised_at) VALUES (1, 'printer', 'paper_out', 'out of paper', 'now')").run();
  },
  5: (db) => {
    db.prepare("INSERT INTO counter_pauses (counter_id, reason, started_at, ended_at) VALUES (1, 'break', '2026-11-27T02:00:00.000Z', '2026-11-27T02:15:00.000Z')").run();
    db.prepare("INSERT INTO ticket_ratings (ticket_id, score, levels, counter_id, rated_at) VALUES (1, 4, 4, 1, '2026-11-27T03:00:00.000Z')").run();
    db.prepare(
      `INSERT INTO audit_log (at, actor_type, actor_id, actor_name, action, ticket_id, counter_id, details)
       VALUES ('2026-11-27T02:00:00.000Z', 'user', 1, 'admin', 'counter.paused', NULL, 1, '{"reason":"break"}')`,
    ).run();
  },
  6: (db) => {
    db.prepare('UPDATE tickets SET served_by = 1 WHERE id = 1').run();
  },
  7: (db) => {
    db.prepare("INSERT INTO devices (kind, name, status, counter_id, created_at) VALUES ('rating', 'Pad 1', 'approved', 1, 'now')").run();
  },
  8: (db) => {
    db.prepare("INSERT INTO devices (kind, name, status, zone, created_at) VALUES ('display', 'Sảnh A', 'approved', '1,2', 'now')").run();
  },
  9: (db) => {
    db.prepare(
      `INSERT INTO audit_log (at, actor_type, actor_id, actor_name, action, details)
       VALUES ('2026-11-27T08:00:00.000Z', 'user', 1, 'admin', 'user.login', '{"method":"password","address":"10.0.0.7"}')`,
    ).run();
  },
  10: (db) => {
    db.prepare(
      `INSERT INTO procedures (code, name, service_id, processing_days, fee_amount, documents, level, portal_url, search)
       VALUES ('1.001193', 'Đăng ký khai sinh', 1, 0, NULL, '[{"name":"Tờ khai","original":1,"copies":null}]', 'toan-trinh', 'https://dichvucong.gov.vn/', 'dang ky khai sinh 1.001193')`,
    ).run();
  },
  11: (db) => {
    db.prepare("INSERT INTO feedback (text, phone, counter_number, status, created_at) VALUES ('Quầy 2 làm rất nhanh', '0912345678', 2, 'new', '2026-11-27T03:00:00.000Z')").run();
  },
  12: (db) => {
    db.prepare(
      `INSERT INTO applications (code, business_day, sequence, procedure_id, procedure_code, procedure_name, processing_days, status, channel, applicant_name,
         id_masked, id_digest, secret_digest, received_at, due_at, received_by, search)
       VALUES ('UBND-261127-0001', '2026-11-27', 1, 1, '1.001193', 'Đăng ký khai sinh', 3, 'received', 'counter', 'Nguyễn Văn An',
         '001******345', 'digest', 'digest', '2026-11-27T01:00:00.000Z', '2026-12-02T10:00:00.000Z', 'staff1', 'ubnd-261127-0001 nguyen van an')`,
    ).run();
    db.prepare("INSERT INTO application_history (application_id, status, at, by_name) VALUES (1, 'received', '2026-11-27T01:00:00.000Z', 'staff1')").run();
  },
  13: (db) => {
    db.prepare(`INSERT INTO report_days (dim, business_day, key, figures) VALUES ('all', '2026-11-27', '', '{"issued":1}')`).run();
    db.prepare("INSERT INTO report_days_done (business_day, tickets, rolled_at) VALUES ('2026-11-27', 1, '2026-11-28T00:00:00.000Z')").run();
  },
  14: (db) => {
    db.prepare(
      `INSERT INTO application_extensions (application_id, at, by_name, from_due_at, to_due_at, reason)
       VALUES (1, '2026-12-02T09:00:00.000Z', 'staff1', '2026-12-02T10:00:00.000Z', '2026-12-04T10:00:00.000Z', 'Cần xác minh thêm')`,
    ).run();
  },
  15: (db) => {
    db.prepare("INSERT INTO application_pickups (ticket_id, application_id, issued_at) VALUES (1, 1, '2026-11-28T02:00:00.000Z')").run();
  },
  16: (db) => {
    db.prepare('UPDATE tickets SET estimated_wait_seconds = 420 WHERE id = 1').run();
  },
  17: (db) => {
    const version = () => db.prepare('SELECT version FROM access_version').pluck().get() as number;
    const before = version();
    // The admin of fixture 2, renamed: one change to what a principal is made of.
    expect(db.prepare("UPDATE users SET display_name = 'Quản trị' WHERE username = 'admin'").run().changes).toBe(1);
    expect(version()).toBe(before + 1);
  },
  18: (db) => {
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'tickets_done_by_counter'").all()).toEqual([]);
  },
};

function schemaOf(db: Database.Database): string[] {
  return (db.prepare("SELECT type || ' ' || name || ': ' || coalesce(sql, '') AS s FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { s: string }[]).map((row) =>
    row.s.replace(/\s+/g, ' '),
  );
}

describe('migrations', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  function freshFile(): string {
    const dir = tempDir();
    cleanup = dir.cleanup;
    return join(dir.path, 'qms.db');
  }

  it('are numbered from 001 without gaps, and every version has a fixture', () => {
    expect(migrations.map((m) => m.version)).toEqual(Array.from({ length: LATEST }, (_, i) => i + 1));
    for (const migration of migrations) expect(FIXTURES[migration.version], `fixture for ${migration.name}`).toBeTypeOf('function');
  });

  it('build the whole schema from an empty file, with durable pragmas', () => {
    const db = openDatabase(freshFile());
    expect(schemaVersion(db)).toBe(LATEST);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => (row as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['counter_services', 'counters', 'devices', 'events', 'services', 'settings', 'tickets', 'tokens', 'users']));
    db.close();
  });

  for (let from = 1; from < LATEST; from++) {
    it(`upgrade a version-${from} database with data to version ${LATEST}, keeping the data`, () => {
      const file = freshFile();
      const old = new Database(file);
      migrate(old, { to: from });
      expect(schemaVersion(old)).toBe(from);
      for (let version = 1; version <= from; version++) FIXTURES[version]?.(old);
      old.close();

      const upgraded = openDatabase(file);
      expect(schemaVersion(upgraded)).toBe(LATEST);
      expect(upgraded.prepare('SELECT label, priority, status FROM tickets').all()).toEqual([{ label: 'A001', priority: 'elderly', status: 'waiting' }]);
      for (let version = from + 1; version <= LATEST; version++) FIXTURES[version]?.(upgraded);

      const fresh = new Database(':memory:');
      migrate(fresh);
      expect(schemaOf(upgraded)).toEqual(schemaOf(fresh));
      upgraded.close();
      fresh.close();
    });
  }

  it('drop the roll-ups of version 13 at version 16 (their figures changed form): the hub rolls the days up again', () => {
    const file = freshFile();
    const old = new Database(file);
    migrate(old, { to: 15 });
    for (let version = 1; version <= 15; version++) FIXTURES[version]?.(old);
    old.close();
    const upgraded = openDatabase(file);
    expect(upgraded.prepare('SELECT count(*) AS n FROM report_days').get()).toEqual({ n: 0 });
    expect(upgraded.prepare('SELECT count(*) AS n FROM report_days_done').get()).toEqual({ n: 0 });
    expect(upgraded.prepare('SELECT estimated_wait_seconds AS e FROM tickets').get()).toEqual({ e: null });
    upgraded.close();
  });

  it('give a counter paused before version 5 a pause without a reason, and keep one rating per ticket on its scale', () => {
    const file = freshFile();
    const old = new Database(file);
    migrate(old, { to: 4 });
    for (let version = 1; version <= 4; version++) FIXTURES[version]?.(old);
    old.prepare("INSERT INTO counters (id, number, name, status) VALUES (2, 2, 'Quầy 2', 'paused')").run();
    old.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT counter_id, reason, ended_at FROM counter_pauses').all()).toEqual([{ counter_id: 2, reason: null, ended_at: null }]);
    // One pause going on per counter, a known reason, a score within its scale, one rating per ticket.
    expect(() => db.prepare("INSERT INTO counter_pauses (counter_id, reason, started_at) VALUES (2, 'meeting', 'x')").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO counter_pauses (counter_id, reason, started_at) VALUES (1, 'lunch', 'x')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO ticket_ratings (ticket_id, score, levels, rated_at) VALUES (1, 5, 4, 'x')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO ticket_ratings (ticket_id, score, levels, rated_at) VALUES (1, 4, 4, 'x')").run();
    expect(() => db.prepare("INSERT INTO ticket_ratings (ticket_id, score, levels, rated_at) VALUES (1, 3, 4, 'y')").run()).toThrow(/UNIQUE/);
    db.close();
  });

  it('rebuild the devices table at version 7 keeping its devices, their tokens and alerts, and take rating pads', () => {
    const file = freshFile();
    const old = new Database(file);
    migrate(old, { to: 6 });
    for (let version = 1; version <= 6; version++) FIXTURES[version]?.(old);
    old.prepare("INSERT INTO tokens (token_hash, device_id, created_at) VALUES ('h', 1, 'now')").run();
    expect(() => old.prepare("INSERT INTO devices (kind, name, status, created_at) VALUES ('rating', 'Pad', 'pending', 'now')").run()).toThrow(/CHECK/);
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT id, kind, name FROM devices').all()).toEqual([{ id: 1, kind: 'kiosk', name: 'Kiosk 1' }]);
    expect(db.prepare('SELECT device_id FROM tokens').all()).toEqual([{ device_id: 1 }]);
    expect(db.prepare('SELECT device_id, code FROM device_alerts').all()).toEqual([{ device_id: 1, code: 'paper_out' }]);
    FIXTURES[7]?.(db);
    expect(() => db.prepare("INSERT INTO devices (kind, name, status, created_at) VALUES ('printer', 'P', 'pending', 'now')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO tokens (token_hash, device_id, created_at) VALUES ('g', 99, 'now')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('run again as a no-op', () => {
    const file = freshFile();
    openDatabase(file).close();
    const again = openDatabase(file);
    expect(migrate(again)).toBe(LATEST);
    again.close();
  });

  it('refuse a database from a newer qms instead of touching it', () => {
    const file = freshFile();
    const db = openDatabase(file);
    db.pragma(`user_version = ${LATEST + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(SchemaTooNewError);
  });

  it('roll back a migration that fails, leaving the version where it was', () => {
    const db = new Database(':memory:');
    const broken = [...migrations, { version: LATEST + 1, name: 'broken', sql: 'CREATE TABLE ok_table (x); CREATE TABLE services (x);' }];
    expect(() => migrate(db, { migrations: broken })).toThrow(/already exists/);
    expect(schemaVersion(db)).toBe(LATEST);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'ok_table'").get()).toEqual({ n: 0 });
    db.close();
  });
});
