import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorSchema, SettingsPatch, SettingsSchema } from '@qms/protocol';
import type { HubContext } from '../hub-context.js';
import { actorOf, ADMIN_ONLY, ANYONE, principalOf } from '../http/auth.js';

const ErrorRef = Type.Ref(ErrorSchema);

export function settingsRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/settings',
      {
        config: { access: ANYONE },
        schema: { summary: "The queue rules, the words of the rating scale, and the centre's texts the stations show (null: not set on the hub)", tags: ['hub'], response: { 200: SettingsSchema } },
      },
      async () => ctx.settings(),
    );

    app.patch(
      '/api/settings',
      {
        config: { access: ADMIN_ONLY },
        schema: {
          summary: "Change the queue rules or the centre's texts (admin; recorded in the audit log; stations apply the texts live)",
          tags: ['hub'],
          body: SettingsPatch,
          response: { 200: SettingsSchema, 400: ErrorRef },
        },
      },
      async (request) => ctx.queue.call('updateSettings', request.body, actorOf(principalOf(request))),
    );

    app.post(
      '/api/day/close',
      {
        config: { access: ADMIN_ONLY },
        schema: {
          summary: 'End the business day now: cancel every ticket still waiting or called (admin)',
          tags: ['hub'],
          response: { 200: Type.Object({ cancelled: Type.Integer() }) },
        },
      },
      async (request) => {
        return { cancelled: await ctx.queue.call('closeDay', actorOf(principalOf(request))) };
      },
    );
  };
}
