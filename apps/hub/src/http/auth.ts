import { type Access, type Actor, auditActorOf, describePrincipal, DomainError, isAllowed, type Principal } from '@qms/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../api-error.js';
import type { AccessService } from '../access/access-service.js';
import { type BrowserSessions, CSRF_HEADER, csrfTokenOf, sessionTokenOf } from '../access/browser-sessions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route. Every route must say it; the hub refuses to start otherwise. */
    access?: Access;
    /** Also accept the token as ?token= (the WebSocket route: browsers cannot set headers there). */
    tokenInQuery?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    bearerToken: string | null;
    /** The token came in the browser session's cookie (the console), not in a header. */
    viaSessionCookie: boolean;
  }
}

/** Only user admin's role (admin may do everything, so the list names nobody else). */
export const ADMIN_ONLY: Access = [];

/** Every signed-in caller: all roles and all device kinds. */
export const ANYONE: Access = ['technician', 'staff', 'device:kiosk', 'device:counter', 'device:display', 'device:rating'];

/** The Bearer token a request carries (or ?token= on routes that allow it), null when none. */
export function bearerTokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] ?? null;
  }
  if (request.routeOptions.config.tokenInQuery) {
    const token = (request.query as Record<string, unknown> | undefined)?.token;
    if (typeof token === 'string' && token !== '') return token;
  }
  return null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A request signed in by the session cookie: a change must carry the session's CSRF token, and a
 * WebSocket must come from a page of the hub itself (browsers send cookies with any page's
 * WebSocket, and SameSite does not cover every browser).
 */
function checkCookieRequest(request: FastifyRequest, token: string): void {
  if (request.headers.upgrade !== undefined) {
    const origin = request.headers.origin;
    let sameOrigin = false;
    try {
      sameOrigin = origin !== undefined && new URL(origin).host === request.headers.host;
    } catch {
      sameOrigin = false; // a malformed Origin is another origin
    }
    if (!sameOrigin) throw new ApiError('auth.forbidden', "a browser session's live feed opens only from the hub's own pages");
    return;
  }
  if (SAFE_METHODS.has(request.method)) return;
  if (request.headers[CSRF_HEADER] !== csrfTokenOf(token)) {
    throw new ApiError('auth.csrf_failed', `a change in a browser session needs its ${CSRF_HEADER} header (from the sign-in or /api/auth/me); reload the page`);
  }
}

/**
 * Checks who is calling before anything else runs: the bearer token gives a principal, the
 * route's `access` says whether that principal may call it (401 without a valid token, 403 for the
 * wrong role or device kind).
 */
export function installAuth(app: FastifyInstance, access: AccessService, sessions: BrowserSessions): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('bearerToken', null);
  app.decorateRequest('viaSessionCookie', false);

  app.addHook('onRoute', (route) => {
    if (route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${route.url} does not declare who may call it (config.access)`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const required = request.routeOptions.config.access;
    if (required === undefined || required === 'public') return; // undefined: the not-found handler
    let token = bearerTokenOf(request);
    let principal: Principal | undefined;
    if (token) {
      principal = access.authenticate(token);
    } else {
      token = sessionTokenOf(request.headers.cookie);
      if (!token) throw new ApiError('auth.missing_token', 'sign in first: send Authorization: Bearer TOKEN');
      request.viaSessionCookie = true;
      principal = sessions.authenticate(token);
      if (principal) checkCookieRequest(request, token);
    }
    if (!principal) throw new ApiError('auth.invalid_token', 'the token is unknown, expired or revoked; sign in or pair again');
    request.principal = principal;
    request.bearerToken = token;
    if (!isAllowed(principal, required)) {
      throw new ApiError('auth.forbidden', `${describePrincipal(principal)} may not do this; it needs: admin or ${required.join(', ')}`);
    }
  });
}

/** The principal of an authenticated route (the hook guarantees it). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`route ${request.routeOptions.url} used principalOf without authentication`);
  return request.principal;
}

/** "device:3" or "user:7": who issued a ticket, which scopes idempotency keys. */
export function callerId(principal: Principal): string {
  return `${principal.type}:${principal.id}`;
}

/** Who asks for a queue change: a counter station or a rating pad acts only at its own counter (people are not limited); `by` is who the audit log names. */
export function actorOf(principal: Principal): Actor {
  const by = auditActorOf(principal);
  if (principal.type !== 'device') return { by };
  if (principal.kind === 'counter') return { counterId: principal.counterId, by };
  // A rating pad is always tied to a counter (approve refuses it otherwise); without one it may act nowhere.
  if (principal.kind === 'rating') return { counterId: principal.counterId ?? 0, by };
  return { by };
}

/**
 * A station reads only its own counter: a counter station tied to another counter, or a rating
 * pad of another counter, is refused (counter.not_yours). People are not limited; a counter
 * station tied to no counter is not either (as for its actions, see actorOf).
 */
export function assertOwnCounter(principal: Principal, counterId: number): void {
  if (principal.type !== 'device') return;
  const bound = principal.counterId;
  if (bound === counterId || (principal.kind === 'counter' && bound === null)) return;
  throw new DomainError('counter.not_yours', `this ${principal.kind} station belongs to ${bound === null ? 'no counter' : 'another counter'}; it may only read its own counter`);
}
