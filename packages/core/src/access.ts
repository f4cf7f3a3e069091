/** Who may call the hub: people with a role, or paired station devices of a kind. */
export const ROLES = ['admin', 'technician', 'staff'] as const;
export type Role = (typeof ROLES)[number];

/** rating: a citizen's rating pad on a tablet (a browser only), tied to one counter. */
export const DEVICE_KINDS = ['kiosk', 'counter', 'display', 'rating'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export type Principal =
  | { type: 'user'; id: number; username: string; displayName: string; role: Role }
  /** zone: the counters a display was approved for ("1,2,3", see display-zone.ts); null for other kinds and a display approved without one. */
  | { type: 'device'; id: number; name: string; kind: DeviceKind; counterId: number | null; zone: string | null };

/**
 * What a route allows: roles by name, devices as "device:KIND". "admin" may do everything,
 * so it need not be listed. "public" routes take no token at all.
 */
export type Grant = Role | `device:${DeviceKind}`;
export type Access = 'public' | readonly Grant[];

export function grantOf(principal: Principal): Grant {
  return principal.type === 'user' ? principal.role : `device:${principal.kind}`;
}

export function isAllowed(principal: Principal, access: Access): boolean {
  if (access === 'public') return true;
  if (principal.type === 'user' && principal.role === 'admin') return true;
  return access.includes(grantOf(principal));
}

export function describePrincipal(principal: Principal): string {
  return principal.type === 'user' ? `user ${principal.username} (${principal.role})` : `${principal.kind} device "${principal.name}" (#${principal.id})`;
}
