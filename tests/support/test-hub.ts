import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Clock, type DeviceKind, FakeClock, type Role } from '@qms/core';
import { buildApp, createHubContext, DEFAULT_ACCESS_OPTIONS, type HubContext } from '@qms/hub';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { seedSmallCentre, type SmallCentre } from './centre.js';
import { tempDir } from './temp-dir.js';

export const PASSWORD = 'test-password-1';
const TEST_PASSWORD_COST = { N: 2 ** 10, r: 8, p: 1 };

export interface TestHub {
  app: FastifyInstance;
  ctx: HubContext;
  clock: FakeClock;
  centre: SmallCentre;
  /** Bearer tokens of one signed-in user per role. */
  tokens: Record<Role, string>;
  dataDir: string;
  /** Signs the users in again (after the fake clock moved past their session). */
  signIn(): Promise<void>;
  /** Pairs and approves a device; returns its token and id. */
  pairDevice(kind: DeviceKind, counterId?: number): Promise<{ token: string; deviceId: number }>;
  /** Serves the app on a free loopback port (real HTTP and WebSocket); its http://127.0.0.1:PORT. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The hub's app on a real SQLite file in a temp directory, with a fake clock (Friday 27 Nov
 * 2026, 08:00 in Hanoi), a small centre, and a signed-in admin, technician and staff user.
 */
type ContextOptions = Parameters<typeof createHubContext>[0];

export async function createTestHub(options: { clock?: Clock; events?: ContextOptions['events']; syncGate?: SharedArrayBuffer; logger?: ContextOptions['logger'] } = {}): Promise<TestHub> {
  const dir = tempDir();
  const clock = (options.clock as FakeClock | undefined) ?? new FakeClock('2026-11-27T01:00:00.000Z');
  const ctx = await createHubContext({
    databaseFile: join(dir.path, 'qms.db'),
    timeZone: 'Asia/Ho_Chi_Minh',
    logger: options.logger ?? pino({ level: 'silent' }),
    clock,
    events: options.events,
    syncGate: options.syncGate,
    // scrypt at N=2^10 instead of the hub's 2^15: each test hub sets three passwords and signs three
    // people in, which took about a second at the real cost. The hashing code is the same.
    access: { ...DEFAULT_ACCESS_OPTIONS, passwordCost: TEST_PASSWORD_COST },
  });
  const centre = await seedSmallCentre({
    createService: (input) => ctx.queue.call('createService', input),
    createCounter: (input) => ctx.queue.call('createCounter', input),
  });
  const app = await buildApp(ctx);
  const tokens = {} as Record<Role, string>;
  const roles = ['admin', 'technician', 'staff'] as const;
  const signIn = async () => {
    for (const role of roles) {
      const reply = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `${role}1`, password: PASSWORD } });
      tokens[role] = reply.json<{ token: string }>().token;
    }
  };
  for (const role of roles) await ctx.access.createUser({ username: `${role}1`, role, password: PASSWORD });
  await signIn();
  return {
    signIn,
    app,
    ctx,
    clock,
    centre,
    tokens,
    dataDir: dir.path,
    async pairDevice(kind, counterId) {
      const request = (await app.inject({ method: 'POST', url: '/api/devices/pair', payload: { kind, name: `${kind} test` } })).json<{
        deviceId: number;
        code: string;
        secret: string;
      }>();
      const approved = await app.inject({
        method: 'POST',
        url: '/api/devices/approve',
        headers: { authorization: `Bearer ${tokens.technician}` },
        payload: counterId === undefined ? { code: request.code } : { code: request.code, counterId },
      });
      if (approved.statusCode !== 200) throw new Error(`approve failed: ${approved.body}`);
      const poll = (await app.inject({ method: 'POST', url: `/api/devices/pair/${request.deviceId}`, payload: { secret: request.secret } })).json<{ token: string }>();
      return { token: poll.token, deviceId: request.deviceId };
    },
    async listen() {
      await app.listen({ port: 0, host: '127.0.0.1' });
      return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    },
    async close() {
      await app.close();
      await ctx.close();
      dir.cleanup();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * The birth-registration procedure (field B, three working days) added by the admin, and an
 * application of it received by staff: the answer to POST /api/applications (201, with the secret once).
 */
export async function receiveBirthRegistration(hub: TestHub, applicant: { fullName: string; phone?: string; idNumber?: string }): Promise<Awaited<ReturnType<FastifyInstance['inject']>>> {
  const procedure = await hub.app.inject({
    method: 'POST',
    url: '/api/procedures',
    headers: bearer(hub.tokens.admin),
    payload: { code: '1.001193', name: 'Đăng ký khai sinh', serviceId: hub.centre.b.id, processingDays: 3, level: 'mot-phan' },
  });
  return hub.app.inject({ method: 'POST', url: '/api/applications', headers: bearer(hub.tokens.staff), payload: { procedureId: procedure.json<{ id: number }>().id, applicant } });
}
