import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock } from '@qms/core';
import { adminPasswordText, createHubContext, FIRST_ADMIN_PASSWORD_FILE, firstAdmin, type HubContext } from '@qms/hub';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';

describe('the first admin password', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  async function context(): Promise<{ ctx: HubContext; dir: string }> {
    const dir = tempDir();
    const ctx = await createHubContext({ databaseFile: join(dir.path, 'qms.db'), timeZone: 'Asia/Ho_Chi_Minh', logger: pino({ level: 'silent' }), clock: new FakeClock('2026-11-27T01:00:00.000Z') });
    cleanups.push(
      () => dir.cleanup(),
      () => ctx.close(),
    );
    return { ctx, dir: dir.path };
  }

  it('is generated once, shown at each start while it works, and forgotten once the admin changes it', async () => {
    const { ctx, dir } = await context();
    const first = await firstAdmin(ctx.access, dir, undefined);
    expect(first).toMatchObject({ created: true, source: 'generated' });
    expect(first.password).toMatch(/^\S{16}$/);
    expect(readFileSync(join(dir, FIRST_ADMIN_PASSWORD_FILE), 'utf8').trim()).toBe(first.password);
    // The hub's own cost (test hubs lower it to run fast): scrypt N=2^15, r=8, p=1, kept with the hash.
    expect(ctx.db.prepare("SELECT password_hash AS hash FROM users WHERE username = 'admin'").get()).toEqual({ hash: expect.stringMatching(/^scrypt\$32768\$8\$1\$/) });

    const again = await firstAdmin(ctx.access, dir, undefined);
    expect(again).toEqual({ created: false, password: first.password, source: 'generated' });
    expect(adminPasswordText(again, dir)).toContain(`password ${first.password}`);

    await ctx.access.setPassword('admin', 'a-new-password-9');
    const changed = await firstAdmin(ctx.access, dir, undefined);
    expect(changed).toEqual({ created: false, password: null, source: 'set' });
    expect(existsSync(join(dir, FIRST_ADMIN_PASSWORD_FILE))).toBe(false);
    expect(adminPasswordText(changed, dir)).toContain('the password you set');
  });

  it('keeps no file when the password comes from QMS_ADMIN_PASSWORD', async () => {
    const { ctx, dir } = await context();
    expect(await firstAdmin(ctx.access, dir, 'from-the-environment')).toEqual({ created: true, password: null, source: 'environment' });
    expect(existsSync(join(dir, FIRST_ADMIN_PASSWORD_FILE))).toBe(false);
    expect(await ctx.access.passwordWorks('admin', 'from-the-environment')).toBe(true);
  });
});
