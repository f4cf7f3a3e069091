import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import websocket from '@fastify/websocket';
import { CounterSchema, ErrorSchema, ProcedureSchema, ServiceSchema, TicketSchema } from '@qms/protocol';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { ApiError } from './api-error.js';
import type { HubContext } from './hub-context.js';
import { installAuth } from './http/auth.js';
import { installErrorHandling } from './http/errors.js';
import { installJsonBody } from './http/json-body.js';
import { lazySerializers } from './http/lazy-schemas.js';
import { installValidation } from './http/validation.js';
import { applicationPageRoutes } from './routes/application-page.js';
import { applicationExtendRoutes } from './routes/application-extend.js';
import { applicationPickupRoutes } from './routes/application-pickup.js';
import { applicationReportRoutes } from './routes/application-reports.js';
import { queueReportRoutes } from './routes/queue-reports.js';
import { monitorRoutes } from './routes/monitor.js';
import { applicationRoutes } from './routes/applications.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { backupRoutes } from './routes/backups.js';
import { consoleRoutes } from './routes/console.js';
import { counterRoutes } from './routes/counters.js';
import { deviceRoutes } from './routes/devices.js';
import { eventRoutes } from './routes/events.js';
import { feedbackRoutes } from './routes/feedback.js';
import { healthRoutes } from './routes/health.js';
import { padRoutes } from './routes/pad.js';
import { procedureRoutes } from './routes/procedures.js';
import { ratingRoutes } from './routes/ratings.js';
import { serviceRoutes } from './routes/services.js';
import { settingsRoutes } from './routes/settings.js';
import { trackRoutes } from './routes/track.js';
import { stateRoutes } from './routes/state.js';
import { ticketLiveRoutes } from './routes/ticket-live.js';
import { ticketRoutes } from './routes/tickets.js';
import { todayRoutes } from './routes/today.js';
import { userRoutes } from './routes/users.js';
import { HUB_VERSION } from './version.js';

export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Builds the hub's HTTP and WebSocket API on a context. It does not listen: server.ts does, and
 * tests call app.inject() or listen on an ephemeral port.
 */
export async function buildApp(ctx: HubContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    // No per-request child logger (pino's child() costs more than the rest of a small request):
    // the hub logs few lines per request, each with its route.
    childLoggerFactory: (logger) => logger,
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: 200 },
    // Each route's response serializer is compiled when it first answers (lazy-schemas.ts): a faster start.
    schemaController: { compilersFactory: { buildSerializer: lazySerializers() } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  installValidation(app);
  installErrorHandling(app);
  installJsonBody(app);
  // Before the auth hook: its onRequest hook marks upgrade requests, so a refused upgrade's socket is closed.
  await app.register(websocket, { options: { maxPayload: 4096 } });
  installAuth(app, ctx.access, ctx.sessions);

  // An empty query parameter (`?status=&serviceId=`, as forms send them) means "no filter".
  app.addHook('preValidation', async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    if (!query) return;
    for (const [key, value] of Object.entries(query)) if (value === '') delete query[key];
  });

  // A change is acknowledged only once it is on disk. Queue changes come back from the queue worker
  // already synced; the main connection's own writes (logins, pairing) are flushed here.
  const flushFailed = new WeakSet<object>();
  app.addHook('onSend', async (request) => {
    // The 503 below goes through this hook again: it must not wait for the disk a second time.
    if (request.method === 'GET' || request.method === 'HEAD' || flushFailed.has(request)) return;
    try {
      await ctx.writes.flush();
    } catch (error) {
      flushFailed.add(request);
      request.log.fatal({ err: error }, 'could not make a change durable (fdatasync of the WAL failed)');
      throw new ApiError('hub.unavailable', 'the hub could not save the change to its disk; check the disk of the hub machine');
    }
  });

  // Closing: a request still being answered when the hub begins to close ends its connection with
  // the answer. Node closes the idle connections once, when the close begins; a keep-alive
  // connection that became idle later would hold the close for the keep-alive timeout (72 s).
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  app.addHook('onResponse', async (request, reply) => {
    if (!ctx.logger.isLevelEnabled('debug')) return;
    // The route pattern, never the raw URL: a WebSocket URL may carry a token.
    request.log.debug({ method: request.method, route: request.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  for (const schema of [TicketSchema, ServiceSchema, CounterSchema, ProcedureSchema, ErrorSchema]) app.addSchema(schema);

  await app.register(swagger, {
    // Shared schemas keep their names (Ticket, Service ...) in the document.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'QMS hub API',
        version: HUB_VERSION,
        description:
          'The queue-management hub on the centre LAN. Send Authorization: Bearer TOKEN (from /api/auth/login or device pairing). ' + 'Errors are {"error":{"code","message"}} with a stable code.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });

  for (const routes of [
    healthRoutes,
    authRoutes,
    serviceRoutes,
    counterRoutes,
    ticketRoutes,
    ratingRoutes,
    stateRoutes,
    eventRoutes,
    deviceRoutes,
    userRoutes,
    settingsRoutes,
    auditRoutes,
    trackRoutes,
    padRoutes,
    backupRoutes,
    todayRoutes,
    procedureRoutes,
    feedbackRoutes,
    applicationRoutes,
    applicationPickupRoutes,
    applicationReportRoutes,
    queueReportRoutes,
    monitorRoutes,
    // After applicationRoutes: the page shares its lookup (and the lookup's limit per address).
    applicationPageRoutes,
    ticketLiveRoutes,
    applicationExtendRoutes,
    consoleRoutes,
  ]) {
    await app.register(routes(ctx));
  }
  await app.ready();
  return app;
}
