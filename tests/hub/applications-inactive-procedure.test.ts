import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

describe('applications: a procedure switched off takes no new application', () => {
  let hub: TestHub;
  let procedureId: number;

  const receive = () => hub.app.inject({ method: 'POST', url: '/api/applications', headers: bearer(hub.tokens.staff), payload: { procedureId, applicant: { fullName: 'Trần Thị Bình' } } });
  const setActive = async (active: boolean) => {
    const reply = await hub.app.inject({ method: 'PATCH', url: `/api/procedures/${procedureId}`, headers: bearer(hub.tokens.admin), payload: { active } });
    expect(reply.statusCode, reply.body).toBe(200);
  };

  beforeAll(async () => {
    hub = await createTestHub();
    const procedure = await hub.app.inject({
      method: 'POST',
      url: '/api/procedures',
      headers: bearer(hub.tokens.admin),
      payload: { code: '1.001193', name: 'Đăng ký khai sinh', serviceId: hub.centre.b.id, processingDays: 3, level: 'mot-phan' },
    });
    procedureId = procedure.json<{ id: number }>().id;
  });
  afterAll(() => hub.close());

  it('409 procedure.inactive while it is off, with words a clerk can act on; received again once it is on', async () => {
    await setActive(false);
    const refused = await receive();
    expect(refused.statusCode).toBe(409);
    const error = refused.json<{ error: { code: string; message: string } }>().error;
    expect(error.code).toBe('procedure.inactive');
    expect(error.message).toMatch(/switched off.*choose another or ask an admin/);
    // Nothing was received: the list stays empty.
    const list = await hub.app.inject({ method: 'GET', url: '/api/applications', headers: bearer(hub.tokens.staff) });
    expect(list.json<{ entries: unknown[] }>().entries).toEqual([]);

    await setActive(true);
    const received = await receive();
    expect(received.statusCode, received.body).toBe(201);
  });
});
