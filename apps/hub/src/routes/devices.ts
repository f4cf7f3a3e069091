import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditActorOf, describePrincipal } from '@qms/core';
import type { DeviceRecord } from '@qms/db';
import {
  AlertBody,
  ApproveBody,
  CommandBody,
  CommandIdParams,
  CommandReply,
  CommandResultBody,
  COMMANDS_OF_KIND,
  DeviceAlertSchema,
  DeviceLiveSchema,
  DeviceSchema,
  ErrorSchema,
  IdParams,
  PairPollBody,
  PairPollReply,
  PairRequestBody,
  PairRequestReply,
} from '@qms/protocol';
import { isResultOf } from '../events/command-results.js';
import type { HubContext } from '../hub-context.js';
import { ApiError } from '../api-error.js';
import { principalOf } from '../http/auth.js';

const ErrorRef = Type.Ref(ErrorSchema);
/** A station's answer to a command carries a receipt's PNG: more than the hub's usual body limit. */
export const COMMAND_RESULT_BODY_LIMIT = 1024 * 1024;

/** A device as the API shows it: the pairing code only while it is pending. */
function deviceView(device: DeviceRecord) {
  return { ...device, pairingCode: device.status === 'pending' ? device.pairingCode : null };
}

export function deviceRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/devices/pair',
      {
        config: { access: 'public' },
        schema: {
          summary: 'A station asks to pair: it shows the code until a technician approves it',
          tags: ['devices'],
          body: PairRequestBody,
          response: { 201: PairRequestReply, 429: ErrorRef },
        },
      },
      async (request, reply) => {
        const { device, code, secret } = ctx.access.requestPairing({ ...request.body, address: request.ip });
        request.log.info({ deviceId: device.id, kind: device.kind, address: request.ip }, 'pairing requested');
        ctx.events.notice('devices');
        return reply.code(201).send({ deviceId: device.id, code, secret, expiresAt: device.pairingExpiresAt ?? '' });
      },
    );

    app.post(
      '/api/devices/pair/:id',
      {
        config: { access: 'public' },
        schema: {
          summary: 'The station polls with its secret: pending, or approved with its token',
          tags: ['devices'],
          params: IdParams,
          body: PairPollBody,
          response: { 200: PairPollReply, 403: ErrorRef, 404: ErrorRef, 410: ErrorRef },
        },
      },
      async (request) => {
        const result = ctx.access.pollPairing(request.params.id, request.body.secret);
        if (result.status === 'pending') return result;
        const { device } = result;
        return { status: result.status, token: result.token, device: { id: device.id, kind: device.kind, name: device.name, counterId: device.counterId, zone: device.zone } };
      },
    );

    app.get(
      '/api/devices',
      {
        config: { access: ['technician'] },
        schema: {
          summary: 'Paired and pending stations, with their live link: connected now, or since when not (disconnectedAt)',
          tags: ['devices'],
          response: { 200: Type.Array(DeviceLiveSchema) },
        },
      },
      async () => ctx.access.listDevices().map((device) => ({ ...deviceView(device), ...ctx.events.liveness(device.id) })),
    );

    app.post(
      '/api/devices/alerts',
      {
        config: { access: ['device:kiosk', 'device:counter', 'device:display'] },
        schema: {
          summary: 'A station reports a problem with its hardware (or that it is over) for the technician',
          tags: ['devices'],
          body: AlertBody,
          response: { 204: Type.Null(), 400: ErrorRef },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        if (principal.type !== 'device') throw new ApiError('request.invalid', 'alerts are reported by a station with its own device token');
        const changed = ctx.access.reportAlert(principal.id, request.body);
        const log = { deviceId: principal.id, source: request.body.source, code: request.body.code };
        if (request.body.active) request.log.warn(log, `device alert: ${request.body.message}`);
        else if (changed) request.log.info(log, 'device alert cleared');
        if (changed) ctx.events.notice('devices');
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/devices/alerts',
      {
        config: { access: ['technician'] },
        schema: { summary: 'Hardware problems reported by stations: active ones first', tags: ['devices'], response: { 200: Type.Array(DeviceAlertSchema) } },
      },
      async () => ctx.access.listAlerts(),
    );

    app.post(
      '/api/devices/approve',
      {
        config: { access: ['technician'] },
        schema: {
          summary:
            'Approve the station showing this code (a counter station may be tied to its counter; a rating pad must be: 400 device.counter_required; a display may be given its zone, other kinds not: 400 device.zone_not_applicable)',
          tags: ['devices'],
          body: ApproveBody,
          response: { 200: DeviceSchema, 400: ErrorRef, 404: ErrorRef, 410: ErrorRef },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const by = describePrincipal(principal);
        const device = ctx.access.approve({ ...request.body, by }, auditActorOf(principal));
        request.log.info({ deviceId: device.id, kind: device.kind, by }, 'device approved');
        ctx.events.notice('devices');
        return deviceView(device);
      },
    );

    app.post(
      '/api/devices/:id/revoke',
      {
        config: { access: ['technician'] },
        schema: { summary: 'Revoke a station: its token stops working at once', tags: ['devices'], params: IdParams, response: { 200: DeviceSchema, 404: ErrorRef } },
      },
      async (request) => {
        const principal = principalOf(request);
        const device = ctx.access.revoke(request.params.id, auditActorOf(principal));
        ctx.events.recheckAccess();
        request.log.info({ deviceId: device.id, by: describePrincipal(principal) }, 'device revoked');
        ctx.events.notice('devices');
        return deviceView(device);
      },
    );

    app.post(
      '/api/devices/:id/commands',
      {
        config: { access: ['technician'] },
        schema: {
          summary: 'Ask a station to do something now and wait for its answer (up to 10 s)',
          description:
            'receipt.preview (kiosk): {png (base64), width, height}, the raster the printer gets for a sample ticket of the first active ' +
            'service; receipt.print (kiosk): prints that sample, {printed: true}; scanner.last (kiosk): {at, source, kind, text} of the ' +
            'last scan since the kiosk started (a CCCD number masked), or null; voice.sample (display): plays a sample announcement, ' +
            '{queued: true}. Errors: 400 device.command_unsupported (not for this kind of station), 409 device.offline (no live link ' +
            "that takes commands), 504 device.not_answering, 502 with the station's own code when it could not do it (e.g. paper_out, " +
            'no_printer), 502 device.invalid_answer.',
          tags: ['devices'],
          params: IdParams,
          body: CommandBody,
          response: { 200: CommandReply, 400: ErrorRef, 404: ErrorRef, 409: ErrorRef, 502: ErrorRef, 504: ErrorRef },
        },
      },
      async (request, reply) => {
        const { command } = request.body;
        const device = ctx.access.listDevices().find((d) => d.id === request.params.id);
        if (!device) throw new ApiError('device.not_found', `no device with id ${request.params.id}`);
        if (!COMMANDS_OF_KIND[device.kind].includes(command)) {
          throw new ApiError('device.command_unsupported', `a ${device.kind} station cannot do ${command}`, { kind: device.kind, command });
        }
        if (device.status !== 'approved') throw new ApiError('device.offline', `device ${device.id} is ${device.status}: it has no link with the hub`);
        const log = { deviceId: device.id, command, by: describePrincipal(principalOf(request)) };
        request.log.info(log, 'command to a station');
        const answer = await ctx.events.commands.run(device.id, command);
        if (!answer.ok) {
          request.log.warn({ ...log, code: answer.code }, `station could not do the command: ${answer.message}`);
          return reply.code(502).send({ error: { code: answer.code, message: answer.message, details: { deviceId: device.id, command } } });
        }
        if (!isResultOf(command, answer.result)) {
          throw new ApiError('device.invalid_answer', `the station answered ${command} with something else than its result (station software out of date?)`, { deviceId: device.id, command });
        }
        return { command, result: answer.result };
      },
    );

    app.post(
      '/api/devices/commands/:commandId/result',
      {
        config: { access: ['device:kiosk', 'device:counter', 'device:display', 'device:rating'] },
        bodyLimit: COMMAND_RESULT_BODY_LIMIT,
        schema: {
          summary: "A station answers a technician's command: {ok: true, result} or {ok: false, code, message}",
          tags: ['devices'],
          params: CommandIdParams,
          body: CommandResultBody,
          response: { 204: Type.Null(), 403: ErrorRef, 404: ErrorRef },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        if (principal.type !== 'device') throw new ApiError('auth.forbidden', 'commands are answered by the station they were sent to');
        ctx.events.commands.settle(request.params.commandId, principal.id, request.body);
        return reply.code(204).send(null);
      },
    );
  };
}
