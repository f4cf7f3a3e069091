import { type Static, Type } from '@sinclair/typebox';
import { Id, Nullable } from './common.js';

// ---- today at a glance: the console's first page

const WaitFields = {
  waiting: Type.Integer({ minimum: 0, description: 'tickets waiting now' }),
  longestWaitSeconds: Nullable(Type.Integer({ minimum: 0 }), 'how long the longest-waiting ticket has waited since it was issued; null when nobody waits'),
};
export const TodaySchema = Type.Object({
  businessDay: Type.String({ description: 'YYYY-MM-DD in the centre time zone' }),
  issued: Type.Integer({ minimum: 0, description: 'tickets issued today' }),
  served: Type.Integer({ minimum: 0, description: 'finished (done)' }),
  noShow: Type.Integer({ minimum: 0 }),
  cancelled: Type.Integer({ minimum: 0 }),
  ...WaitFields,
  services: Type.Array(
    Type.Object({
      serviceId: Id,
      ...WaitFields,
      issued: Type.Integer({ minimum: 0, description: 'tickets issued for this service (a transferred ticket counts where it was issued)' }),
      served: Type.Integer({ minimum: 0, description: 'tickets finished in this service (a transferred ticket counts where it was served)' }),
    }),
  ),
  counters: Type.Object(
    {
      open: Type.Integer({ minimum: 0, description: 'open, with at least one of their services open now' }),
      paused: Type.Integer({ minimum: 0 }),
      closed: Type.Integer({ minimum: 0, description: 'open, but none of their services is active and within its opening hours now' }),
      serving: Type.Integer({ minimum: 0, description: 'holding a ticket now (called or being served), whatever their state' }),
    },
    { description: 'open + paused + closed = all counters' },
  ),
});
export type TodayDto = Static<typeof TodaySchema>;
