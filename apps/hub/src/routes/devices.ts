import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditActorOf, describePrincipal } from '@qms/core';
import type { DeviceRecord } from '@qms/db';
import { AlertBody, ApproveBody, DeviceAlertSchema, DeviceSchema, ErrorSchema, IdParams, PairPollBody, PairPollReply, PairRequestBody, PairRequestReply } from '@qms/protocol';
import type { HubContext } from '../hub-context.js';
import { ApiError } from '../api-error.js';
import { principalOf } from '../http/auth.js';

const ErrorRef = Type.Ref(ErrorSchema);

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

    app.get('/api/devices', { config: { access: ['technician'] }, schema: { summary: 'Paired and pending stations', tags: ['devices'], response: { 200: Type.Array(DeviceSchema) } } }, async () =>
      ctx.access.listDevices().map(deviceView),
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
        return deviceView(device);
      },
    );
  };
}
