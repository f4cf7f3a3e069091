import { type Static, Type } from '@sinclair/typebox';
import { PAUSE_REASONS } from '@qms/core';
import { Id, Instant, Nullable, literalUnion } from './common.js';

// ---- the floor manager's live monitor

export const MonitorSchema = Type.Object({
  at: Instant,
  businessDay: Type.String({ description: 'YYYY-MM-DD in the centre time zone' }),
  targetMinutes: Type.Integer({ description: 'the wait target the alarms compare with' }),
  services: Type.Array(
    Type.Object({
      id: Id,
      name: Type.String(),
      prefix: Type.String(),
      open: Type.Boolean({ description: 'active and within its opening hours now' }),
      waiting: Type.Integer({ minimum: 0 }),
      longestWaitSeconds: Nullable(Type.Integer({ minimum: 0 }), 'how long the citizen waiting longest has waited; null when nobody waits'),
      countersOpen: Type.Integer({ minimum: 0, description: 'open counters that serve it' }),
    }),
  ),
  counters: Type.Array(
    Type.Object({
      id: Id,
      number: Type.Integer(),
      name: Type.String(),
      status: literalUnion(['open', 'paused'] as const),
      pauseReason: Nullable(literalUnion(PAUSE_REASONS)),
      pausedSince: Nullable(Instant),
      ticket: Nullable(
        Type.Object({
          label: Type.String(),
          status: literalUnion(['called', 'serving'] as const),
          serviceId: Id,
          since: { ...Instant, description: 'when it was called, or started when it is being served' },
        }),
      ),
      idleSince: Nullable(Instant, 'when it finished its last ticket today, while it holds none; null when it holds one or served nobody today'),
    }),
  ),
  ticketsPerHour: Type.Array(Type.Object({ hour: Type.Integer({ minimum: 0, maximum: 23 }), issued: Type.Integer({ minimum: 0 }), served: Type.Integer({ minimum: 0 }) }), {
    description: 'today so far, by the local hour of issue, hours with tickets only',
  }),
  alarms: Type.Array(
    Type.Union([
      Type.Object({ kind: Type.Literal('wait_over_target'), serviceId: Id, waitedSeconds: Type.Integer(), targetSeconds: Type.Integer() }),
      Type.Object({ kind: Type.Literal('no_counter'), serviceId: Id, waiting: Type.Integer() }),
    ]),
  ),
});
export type MonitorDto = Static<typeof MonitorSchema>;
