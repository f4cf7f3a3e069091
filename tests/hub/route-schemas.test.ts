import { compilePendingSchemas } from '@qms/hub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

/**
 * The hub compiles a route's schemas when the route is first used (a faster start, issue 15): here
 * every route's validators and serializers are compiled at once, so a schema that does not compile
 * fails this test rather than a citizen's first request.
 */
describe('route schemas', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub();
  });
  afterAll(() => hub.close());

  it('all compile, and a route answers and validates the same after its lazy compile', async () => {
    const bad = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: 'one' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'request.invalid', message: expect.stringContaining('serviceId') } });
    const compiled = compilePendingSchemas();
    expect(compiled).toBeGreaterThan(100);
    expect(compilePendingSchemas()).toBe(0);
    const good = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: hub.centre.a.id } });
    expect(good.statusCode).toBe(201);
    // The serializer still drops what the response schema does not list.
    expect(Object.keys(good.json<Record<string, unknown>>())).toEqual(expect.arrayContaining(['label', 'ahead', 'estimatedWaitSeconds']));
  });
});
