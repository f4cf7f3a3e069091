import { HubClient, HubError } from '@qms/client';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type HubProcess, runQms, startHubProcess } from './support/hub-process.js';
import { tempDir } from './support/temp-dir.js';

describe('qms command line', () => {
  it('has --help everywhere', () => {
    for (const args of [['--help'], ['hub', '--help'], ['devices', '--help'], ['devices', 'approve', '--help'], ['users', 'add', '--help'], ['backup', '--help'], ['restore', '--help']]) {
      const result = runQms(args);
      expect(result.status, args.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/^Usage: qms/);
    }
    expect(runQms(['--help']).stdout).toMatch(/hub.*\n.*devices.*\n.*users.*\n.*backup.*\n.*restore/s);
  });

  it('says what is wrong and exits non-zero on bad usage', () => {
    const unknown = runQms(['fly']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'fly'/);
    const port = runQms(['hub', '--port', 'eighty', '--data', tempDir().path]);
    expect(port.status).toBe(1);
    expect(port.stderr).toMatch(/port "eighty" must be a number/);
    const zone = runQms(['hub', '--tz', 'Mars/Base', '--data', tempDir().path]);
    expect(zone.stderr).toMatch(/unknown time zone "Mars\/Base"/);
    const role = runQms(['users', 'add', 'x', '--role', 'king']);
    expect(role.status).toBe(2);
    expect(role.stderr).toMatch(/Allowed choices are admin, technician, staff/);
  });

  it('refuses to work on a data directory without a hub database', () => {
    const empty = tempDir();
    const result = runQms(['devices', 'list', '--data', empty.path]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no hub database at .*qms\.db; start the hub once, or pass --data DIR/);
    expect(existsSync(join(empty.path, 'qms.db'))).toBe(false);
    empty.cleanup();
  });
});

describe('qms on a running hub', () => {
  const dir = tempDir();
  let hub: HubProcess;
  let admin: HubClient;

  beforeAll(async () => {
    hub = await startHubProcess(dir.path, { args: ['--demo'] });
    admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await hub.stop();
    dir.cleanup();
  });

  it('refuses a second hub on the same data directory', () => {
    const second = runQms(['hub', '--port', '0', '--data', dir.path]);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`a hub \\(pid ${hub.child.pid}\\) is already using`));
  });

  it('devices list | approve CODE | revoke ID pair and unpair a station', async () => {
    const station = new HubClient({ baseUrl: hub.url });
    const { body: pairing } = await station.request<{ deviceId: number; code: string; secret: string }>('POST', '/api/devices/pair', { kind: 'counter', name: 'Máy quầy 2' });

    const listed = runQms(['devices', 'list', '--data', dir.path]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`${pairing.deviceId}\\s+counter\\s+pending\\s+Máy quầy 2\\s+code ${pairing.code}`));

    const approved = runQms(['devices', 'approve', pairing.code, '--counter', '2', '--data', dir.path]);
    expect(approved.status, approved.stderr).toBe(0);
    expect(approved.stdout).toMatch(/^approved: .*counter .*approved/);

    const { body: poll } = await station.request<{ status: string; token: string; device: { counterId: number } }>('POST', `/api/devices/pair/${pairing.deviceId}`, {
      secret: pairing.secret,
    });
    expect(poll.status).toBe('approved');
    const counters = await admin.counters();
    expect(poll.device.counterId).toBe(counters.find((c) => c.number === 2)?.id);
    station.token = poll.token;
    expect((await station.state()).counters).toHaveLength(7);

    const json = runQms(['devices', 'list', '--json', '--data', dir.path]);
    expect(JSON.parse(json.stdout.trim().split('\n')[0] ?? '{}')).toMatchObject({ id: pairing.deviceId, status: 'approved' });

    const revoked = runQms(['devices', 'revoke', String(pairing.deviceId), '--data', dir.path]);
    expect(revoked.status).toBe(0);
    await expect(station.state()).rejects.toMatchObject({ status: 401, code: 'auth.invalid_token' });

    expect(runQms(['devices', 'approve', '000000', '--data', dir.path]).stderr).toMatch(/no station is waiting with code 000000/);
    expect(runQms(['devices', 'revoke', 'abc', '--data', dir.path]).stderr).toMatch(/"abc" is not a device id/);
  });

  it('users add | passwd manage accounts, reading the password from stdin', async () => {
    const added = runQms(['users', 'add', 'canbo7', '--role', 'staff', '--name', 'Nguyễn Văn A', '--data', dir.path], { input: 'first-password\n' });
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/added user canbo7 \(staff\)/);
    const user = new HubClient({ baseUrl: hub.url });
    await user.login('canbo7', 'first-password');
    expect((await user.state()).seq).toBeGreaterThanOrEqual(0);

    expect(runQms(['users', 'add', 'canbo7', '--role', 'staff', '--data', dir.path], { input: 'x-password\n' }).stderr).toMatch(/already exists/);
    expect(runQms(['users', 'add', 'canbo8', '--role', 'staff', '--data', dir.path], { input: 'short\n' }).stderr).toMatch(/at least 8 characters/);

    const changed = runQms(['users', 'passwd', 'canbo7', '--data', dir.path], { input: 'second-password\n' });
    expect(changed.status, changed.stderr).toBe(0);
    await expect(user.state()).rejects.toBeInstanceOf(HubError); // signed out everywhere
    await expect(new HubClient({ baseUrl: hub.url }).login('canbo7', 'first-password')).rejects.toMatchObject({ status: 401 });
    await new HubClient({ baseUrl: hub.url }).login('canbo7', 'second-password');
    expect(runQms(['users', 'list', '--data', dir.path]).stdout).toMatch(/canbo7\s+staff\s+Nguyễn Văn A/);

    const pin = runQms(['users', 'pin', 'canbo7', '--data', dir.path], { input: '482913\n' });
    expect(pin.status, pin.stderr).toBe(0);
    expect(pin.stdout).toMatch(/PIN set for canbo7/);
    expect((await new HubClient({ baseUrl: hub.url }).request('POST', '/api/auth/login', { username: 'canbo7', pin: '482913' })).status).toBe(200);
    expect(runQms(['users', 'pin', 'canbo7', '--data', dir.path], { input: '12\n' }).stderr).toMatch(/a PIN is 4 to 8 digits/);
  });

  it('backup FILE copies the live database; restore refuses while the hub runs', async () => {
    const before = await admin.issueTicket((await admin.services())[0]!.id);
    const file = join(dir.path, 'backup-1.db');
    const writes = Promise.all(Array.from({ length: 30 }, () => admin.issueTicket(before.serviceId)));
    const backup = runQms(['backup', file, '--data', dir.path]);
    await writes;
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/backed up .*qms\.db to .*backup-1\.db/);
    const refused = runQms(['restore', file, '--data', dir.path]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/is running on .*; stop it before restoring/);
  });

  it('restore FILE brings the backup back once the hub is stopped', async () => {
    const file = join(dir.path, 'backup-2.db');
    expect(runQms(['backup', file, '--data', dir.path]).status).toBe(0);
    const serviceId = (await admin.services())[0]!.id;
    const lost = await admin.issueTicket(serviceId); // made after the backup: gone after the restore
    expect(await hub.stop()).toBe(0);

    const restored = runQms(['restore', file, '--data', dir.path]);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/restored .*backup-2\.db into .*qms\.db \(schema version \d+\)\nthe previous database is kept as .*before-restore-/);
    expect(runQms(['restore', join(dir.path, 'missing.db'), '--data', dir.path]).stderr).toMatch(/no backup file/);

    hub = await startHubProcess(dir.path);
    admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    const tickets = await admin.tickets();
    expect(tickets.some((t) => t.id === lost.id)).toBe(false);
    expect(tickets.length).toBeGreaterThanOrEqual(31);
    // Numbering continues from the restored state without a duplicate label.
    const next = await admin.issueTicket(serviceId);
    expect(tickets.some((t) => t.label === next.label)).toBe(false);
  });
});
