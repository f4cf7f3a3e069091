import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditActorOf } from '@qms/core';
import { ErrorSchema, PasswordBody, PinBody, UserActiveBody, UserCreateBody, UsernameParams, UserPatchBody, UserSchema } from '@qms/protocol';
import type { HubContext } from '../hub-context.js';
import { ADMIN_ONLY, principalOf } from '../http/auth.js';

const ErrorRef = Type.Ref(ErrorSchema);

export function userRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/users', { config: { access: ADMIN_ONLY }, schema: { summary: 'The user accounts (admin)', tags: ['users'], response: { 200: Type.Array(UserSchema) } } }, async () =>
      ctx.access.listUsers(),
    );

    app.post(
      '/api/users',
      {
        config: { access: ADMIN_ONLY },
        schema: { summary: 'Add a user (admin)', tags: ['users'], body: UserCreateBody, response: { 201: UserSchema, 409: ErrorRef } },
      },
      async (request, reply) => reply.code(201).send(await ctx.access.createUser(request.body, auditActorOf(principalOf(request)))),
    );

    app.post(
      '/api/users/:username/password',
      {
        config: { access: ADMIN_ONLY },
        schema: {
          summary: "Set a user's password (admin); the user is signed out everywhere",
          tags: ['users'],
          params: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
          body: PasswordBody,
          response: { 200: UserSchema, 404: ErrorRef },
        },
      },
      async (request) => ctx.access.setPassword(request.params.username, request.body.password, auditActorOf(principalOf(request))),
    );

    app.post(
      '/api/users/:username/pin',
      {
        config: { access: ADMIN_ONLY },
        schema: {
          summary: "Set or remove a user's PIN for counter stations (admin); the user is signed out everywhere",
          tags: ['users'],
          params: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
          body: PinBody,
          response: { 200: UserSchema, 404: ErrorRef },
        },
      },
      async (request) => ctx.access.setPin(request.params.username, request.body.pin, auditActorOf(principalOf(request))),
    );

    app.post(
      '/api/users/:username/active',
      {
        config: { access: ADMIN_ONLY },
        schema: {
          summary: 'Switch a user on or off (admin); off signs the user out everywhere at once and refuses their logins',
          description: '409 user.last_admin when it would leave no active admin.',
          tags: ['users'],
          params: UsernameParams,
          body: UserActiveBody,
          response: { 200: UserSchema, 404: ErrorRef, 409: ErrorRef },
        },
      },
      async (request) => ctx.access.setActive(request.params.username, request.body.active, auditActorOf(principalOf(request))),
    );

    app.patch(
      '/api/users/:username',
      {
        config: { access: ADMIN_ONLY },
        schema: {
          summary: "Change a user's display name or role (admin)",
          description: '409 user.last_admin when it would take the admin role from the last active admin. The user keeps their sessions, with the new role.',
          tags: ['users'],
          params: UsernameParams,
          body: UserPatchBody,
          response: { 200: UserSchema, 404: ErrorRef, 409: ErrorRef },
        },
      },
      async (request) => ctx.access.updateUser(request.params.username, request.body, auditActorOf(principalOf(request))),
    );
  };
}
