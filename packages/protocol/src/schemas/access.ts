import { Type } from '@sinclair/typebox';
import { Id, Instant } from './common.js';
import { RoleSchema } from './queue.js';

// ---- people: sign-in (API tokens, browser sessions, PINs) and the users an administrator keeps

export const PIN_PATTERN = '^[0-9]{4,8}$';

/** {username, password}, or {username, pin} for a clerk at a counter station. */
export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    pin: Type.Optional(Type.String({ pattern: PIN_PATTERN, description: '4 to 8 digits, instead of the password' })),
  },
  { additionalProperties: false },
);
export const PinBody = Type.Object({ pin: Type.Union([Type.String({ pattern: PIN_PATTERN }), Type.Null()], { description: '4 to 8 digits; null removes the PIN' }) }, { additionalProperties: false });
export const LoginReply = Type.Object({
  token: Type.String(),
  expiresAt: Instant,
  user: Type.Object({ id: Id, username: Type.String(), role: RoleSchema, displayName: Type.String({ description: 'the name stations show (a counter, its rating pad)' }) }),
});

/** POST /api/auth/session: a browser's sign-in (password only: PINs are for counter stations). */
export const SessionBody = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false });
export const SessionReply = Type.Object({
  csrfToken: Type.String({ description: 'send it as X-CSRF-Token with every change (POST, PATCH, DELETE) of this session' }),
  expiresAt: Instant,
  idleMinutes: Type.Integer({ description: 'the session ends after this long without a request' }),
  user: LoginReply.properties.user,
});

export const UserSchema = Type.Object({
  id: Id,
  username: Type.String(),
  role: RoleSchema,
  displayName: Type.String(),
  active: Type.Boolean(),
  createdAt: Instant,
});
export const UserCreateBody = Type.Object(
  {
    username: Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' }),
    role: RoleSchema,
    password: Type.String({ minLength: 8, maxLength: 256 }),
    displayName: Type.Optional(Type.String({ maxLength: 120 })),
  },
  { additionalProperties: false },
);
export const PasswordBody = Type.Object({ password: Type.String({ minLength: 8, maxLength: 256 }) }, { additionalProperties: false });

export const UsernameParams = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export const UserActiveBody = Type.Object(
  { active: Type.Boolean({ description: 'false signs the user out everywhere and refuses their logins; the last active admin cannot be switched off' }) },
  { additionalProperties: false },
);
export const UserPatchBody = Type.Partial(
  Type.Object({
    displayName: Type.String({ maxLength: 120 }),
    role: RoleSchema,
  }),
  { additionalProperties: false, minProperties: 1 },
);
