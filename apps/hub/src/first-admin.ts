import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccessService } from './access/access-service.js';

/** The file that keeps the first admin password the hub generated, readable by the hub's user only, until the admin changes it. */
export const FIRST_ADMIN_PASSWORD_FILE = 'initial-admin-password';

/**
 * Creates user admin on first start, and says how to sign in to the console. A password the hub
 * generated is kept in the data folder (mode 600) and shown at each start while it still works,
 * so the person who installs the centre can always sign in the first time; once the admin changes
 * it the file is deleted and only "as you set it" is said.
 */
export async function firstAdmin(
  access: AccessService,
  dataDir: string,
  fromEnvironment: string | undefined,
): Promise<{ created: boolean; password: string | null; source: 'generated' | 'environment' | 'set' }> {
  const file = join(dataDir, FIRST_ADMIN_PASSWORD_FILE);
  const admin = await access.ensureAdmin(fromEnvironment);
  if (admin.generatedPassword) {
    writeFileSync(file, `${admin.generatedPassword}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    return { created: true, password: admin.generatedPassword, source: 'generated' };
  }
  if (admin.created) return { created: true, password: null, source: 'environment' };
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept !== '' && (await access.passwordWorks('admin', kept))) return { created: false, password: kept, source: 'generated' };
    rmSync(file, { force: true });
  }
  return { created: false, password: null, source: fromEnvironment ? 'environment' : 'set' };
}

/** "sign in as admin with the password X" (or where the password comes from). */
export function adminPasswordText(admin: { password: string | null; source: 'generated' | 'environment' | 'set' }, dataDir: string): string {
  if (admin.password !== null) return `sign in as admin, password ${admin.password} (kept in ${join(dataDir, FIRST_ADMIN_PASSWORD_FILE)} until you change it)`;
  if (admin.source === 'environment') return 'sign in as admin with the password of QMS_ADMIN_PASSWORD';
  return 'sign in as admin with the password you set (forgotten? qms users passwd admin)';
}
