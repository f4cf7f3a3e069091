import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { SettingsPatch, SettingsSchema } from '@qms/protocol';
import type { HubContext } from '../hub-context.js';
import { ADMIN_ONLY, ANYONE } from '../http/auth.js';

export function settingsRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/settings', { config: { access: ANYONE }, schema: { summary: 'The queue rules', tags: ['hub'], response: { 200: SettingsSchema } } }, async () => ctx.settings());

    app.patch(
      '/api/settings',
      { config: { access: ADMIN_ONLY }, schema: { summary: 'Change the queue rules (admin)', tags: ['hub'], body: SettingsPatch, response: { 200: SettingsSchema } } },
      async (request) => ctx.queue.call('updateSettings', request.body),
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
      async () => {
        return { cancelled: await ctx.queue.call('closeDay') };
      },
    );
  };
}
