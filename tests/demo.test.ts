import { HubClient } from '@qms/client';
import { spawn } from 'node:child_process';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runQmsAsync } from './support/hub-process.js';
import { tempDir } from './support/temp-dir.js';

/** `npm start` as a new user runs it: the demo centre, its URLs and its logins on the terminal. */
describe('npm start (the demo)', () => {
  const dir = tempDir();
  let child: ReturnType<typeof spawn> | undefined;
  afterAll(() => {
    // npm runs the hub through a shell: stop the whole process group, not only npm.
    if (child?.pid) process.kill(-child.pid, 'SIGTERM');
    dir.cleanup();
  });

  it('starts the hub with a seeded commune centre and prints how to use it', async () => {
    child = spawn('npm', ['start', '--silent'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        QMS_DATA_DIR: dir.path,
        QMS_PORT: '0',
        QMS_HOST: '127.0.0.1',
        QMS_LOG_LEVEL: 'warn',
        QMS_ADMIN_PASSWORD: '',
        QMS_DEMO_PRINTER_PORT: '0',
        QMS_DEMO_KIOSK_PORT: '0',
        QMS_DEMO_COUNTER_PORT: '0',
        QMS_DEMO_DISPLAY_PORT: '0',
        QMS_DEMO_ELECTRON: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    child.stdout?.on('data', (chunk) => (out += String(chunk)));
    await expect.poll(() => out, { timeout: 30_000, interval: 100 }).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(/user admin created with a generated password/);
    // The console's address and how to sign in: the generated password, kept (mode 600) until the admin changes it.
    expect(out).toMatch(/console: http:\/\/127\.0\.0\.1:\d+\/console\/ +sign in as admin, password \S{16} \(kept in \S+initial-admin-password until you change it\)/);
    const adminPassword = /sign in as admin, password (\S{16})/.exec(out)?.[1] ?? '';
    expect(readFileSync(join(dir.path, 'initial-admin-password'), 'utf8').trim()).toBe(adminPassword);
    expect(statSync(join(dir.path, 'initial-admin-password')).mode & 0o777).toBe(0o600);
    expect(out).toMatch(/demo centre seeded: 8 services, 7 counters/);
    expect(out).toMatch(/demo logins \(password demo1234\): quay1, quay2, quay3, quay4, quay5, quay6, quay7 \(staff\), kythuat \(technician\)/);
    expect(out).toMatch(/API: http:\/\/127\.0\.0\.1:\d+\/api/);
    // The simulated receipt printer takes a test print.
    await expect.poll(() => out, { timeout: 10_000 }).toMatch(/virtual receipt printer: tcp:\/\/127\.0\.0\.1:(\d+)/);
    const printerPort = /virtual receipt printer: tcp:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
    const printed = await runQmsAsync(['print-test', '--printer', `tcp://127.0.0.1:${printerPort}`]);
    expect(printed.status, printed.stderr).toBe(0);
    expect(existsSync(join(dir.path, 'printer', 'receipt-0001.png'))).toBe(true);

    const url = /listening on (http:\/\/\S+)/.exec(out)?.[1] ?? '';
    const staff = new HubClient({ baseUrl: url });
    await staff.login('quay1', 'demo1234');
    const services = await staff.services();
    expect(services.map((s) => s.name)).toEqual(['Đất đai', 'Hộ tịch', 'Chứng thực', 'Tư pháp', 'Kinh doanh', 'Lao động – Thương binh – Xã hội', 'Xây dựng', 'Trả kết quả']);
    // Open around the clock, so the demo works whenever it is tried.
    expect((await staff.state()).services.every((s) => s.open)).toBe(true);
    const ticket = await staff.issueTicket(services[0]!.id, { priority: 'elderly' });
    expect(ticket.label).toBe('A001');
    // The demo kiosk: paired by itself, its screen served for a browser, printing on the virtual printer.
    await expect.poll(() => out, { timeout: 20_000 }).toMatch(/kiosk screen: (http:\/\/127\.0\.0\.1:\d+\/)/);
    const kioskUrl = /kiosk screen: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1] ?? '';
    expect((await fetch(kioskUrl)).status).toBe(200);
    const view = await new Promise<{ phase: string; fields: unknown[] }>((resolve, reject) => {
      const socket = new WebSocket(`${kioskUrl.replace('http', 'ws')}bridge`);
      socket.on('message', (data) => {
        const message = JSON.parse(String(data));
        if (message.type === 'view' && message.view.phase === 'ready' && message.view.fields.length > 0) {
          socket.close();
          resolve(message.view);
        }
      });
      socket.on('error', reject);
    });
    expect(view.fields).toHaveLength(8);
    // The demo counter: approved for counter 1, its clerk's PIN printed, and that PIN signs in at the hub.
    await expect.poll(() => out, { timeout: 20_000 }).toMatch(/counter screen: (http:\/\/127\.0\.0\.1:\d+\/) +\(counter 1: sign in as quay1 with PIN (\d{4,8})\)/);
    const [, counterUrl, pin] = /counter screen: (http:\/\/127\.0\.0\.1:\d+\/) +\(counter 1: sign in as quay1 with PIN (\d{4,8})\)/.exec(out) ?? [];
    expect((await fetch(counterUrl ?? '')).status).toBe(200);
    await new HubClient({ baseUrl: url }).loginWithPin('quay1', pin ?? '');
    const admin = new HubClient({ baseUrl: url });
    await admin.login('admin', adminPassword);
    const counter1 = (await staff.state()).counters.find((c) => c.number === 1)?.id;
    const devices = (await admin.request<{ kind: string; status: string; counterId: number | null }[]>('GET', '/api/devices')).body;
    expect(devices.filter((d) => d.kind === 'counter')).toEqual([expect.objectContaining({ status: 'approved', counterId: counter1 })]);
    // The demo hall display: paired by itself, its board served, showing the call just made.
    await expect.poll(() => out, { timeout: 20_000 }).toMatch(/display screen: (http:\/\/127\.0\.0\.1:\d+\/)/);
    const displayUrl = /display screen: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1] ?? '';
    expect((await fetch(displayUrl)).status).toBe(200);
    await expect
      .poll(async () => (await admin.request<{ kind: string; status: string }[]>('GET', '/api/devices')).body.filter((d) => d.kind === 'display').map((d) => d.status), { timeout: 10_000 })
      .toEqual(['approved']);
  }, 120_000); // the demo starting, then its waits (13 s in CI)
});
