import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorSchema, LoginBody, LoginReply, SessionBody, SessionReply } from '@qms/protocol';
import { ApiError } from '../api-error.js';
import type { HubContext } from '../hub-context.js';
import { csrfTokenOf, sessionCookie } from '../access/browser-sessions.js';
import { ANYONE, principalOf } from '../http/auth.js';

const ErrorRef = Type.Ref(ErrorSchema);

export function authRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        config: { access: 'public' },
        schema: {
          summary: "Sign in with a password (or a clerk's PIN): a bearer token for the other routes",
          description: 'Repeated failures lock the user name and the address for a while (429 with Retry-After).',
          tags: ['auth'],
          body: LoginBody,
          response: { 200: LoginReply, 401: ErrorRef, 429: ErrorRef },
        },
      },
      async (request) => {
        const { username, password, pin } = request.body;
        if ((password === undefined) === (pin === undefined)) {
          throw new ApiError('request.invalid', 'body needs either "password" or "pin" (not both)');
        }
        const secret = password !== undefined ? { password } : { pin: pin as string };
        const { token, expiresAt, user } = await ctx.access.login(username, secret, request.ip);
        return { token, expiresAt, user: { id: user.id, username: user.username, role: user.role, displayName: user.displayName } };
      },
    );

    app.post(
      '/api/auth/session',
      {
        config: { access: 'public' },
        schema: {
          summary: 'Sign in from a browser (the console): the session is an HttpOnly cookie, changes carry the CSRF token in X-CSRF-Token',
          description:
            'For administrators and technicians (a clerk is refused with 403: clerks sign in at their counter station). The session ends ' +
            'after 12 hours, after idleMinutes without a request, or with /api/auth/logout. The same throttle as /api/auth/login applies.',
          tags: ['auth'],
          body: SessionBody,
          response: { 200: SessionReply, 401: ErrorRef, 403: ErrorRef, 429: ErrorRef },
        },
      },
      async (request, reply) => {
        const { username, password } = request.body;
        const { token, expiresAt, user, csrfToken } = await ctx.sessions.start(username, password, request.ip);
        const seconds = (Date.parse(expiresAt) - ctx.clock.now().getTime()) / 1000;
        reply.header('set-cookie', sessionCookie(token, seconds)).header('cache-control', 'no-store');
        return { csrfToken, expiresAt, idleMinutes: ctx.sessions.idleMinutes, user: { id: user.id, username: user.username, role: user.role, displayName: user.displayName } };
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { access: ANYONE },
        schema: { summary: "Revoke the token used for this request (a browser session's cookie is removed too)", tags: ['auth'], response: { 204: Type.Null() } },
      },
      async (request, reply) => {
        if (request.bearerToken) {
          if (request.viaSessionCookie) {
            ctx.sessions.end(request.bearerToken);
            reply.header('set-cookie', sessionCookie('', 0));
          } else {
            ctx.access.logout(request.bearerToken);
          }
        }
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/auth/me',
      {
        config: { access: ANYONE },
        schema: {
          summary: 'Who this token belongs to',
          tags: ['auth'],
          response: {
            200: Type.Object({
              type: Type.String(),
              id: Type.Integer(),
              username: Type.Optional(Type.String()),
              role: Type.Optional(Type.String()),
              name: Type.Optional(Type.String()),
              kind: Type.Optional(Type.String()),
              counterId: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
              zone: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'a display: the zone it was approved for (counter numbers, "1,2,3"); null for none' })),
              csrfToken: Type.Optional(Type.String({ description: 'in a browser session only: the token its changes carry in X-CSRF-Token' })),
              idleMinutes: Type.Optional(Type.Integer({ description: 'in a browser session only: it ends after this long without a request' })),
            }),
          },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        if (!request.viaSessionCookie || !request.bearerToken) return principal;
        reply.header('cache-control', 'no-store');
        return { ...principal, csrfToken: csrfTokenOf(request.bearerToken), idleMinutes: ctx.sessions.idleMinutes };
      },
    );
  };
}
