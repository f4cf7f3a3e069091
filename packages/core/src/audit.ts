import type { Principal } from './access.js';

/**
 * The audit log: who did what, when, to which ticket or counter. It records the actions a
 * supervisor may have to answer for (calls out of order, transfers, pauses, cancellations,
 * requeued no-shows) and every configuration change. Each entry is written in the transaction of
 * the change it records. Details never carry a citizen's identity.
 */
export const AUDIT_ACTIONS = [
  'ticket.called_out_of_order',
  'ticket.transferred',
  'ticket.cancelled',
  'ticket.requeued',
  'counter.paused',
  'counter.resumed',
  'day.closed',
  'service.created',
  'service.updated',
  'counter.created',
  'counter.updated',
  'settings.updated',
  'user.created',
  'user.password_set',
  'user.pin_set',
  'user.pin_removed',
  'user.login',
  'user.login_failed',
  'user.disabled',
  'user.enabled',
  'user.updated',
  'device.approved',
  'device.revoked',
  'backup.downloaded',
  'procedure.created',
  'procedure.updated',
  'procedure.imported',
  'feedback.updated',
  'application.received',
  'application.status_changed',
  'application.extended',
  'application.looked_up_by_citizen',
  'application.pickup_issued',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The changes to the centre's configuration: services, counters, settings, the procedures catalogue. */
const CONFIGURATION_ACTIONS: readonly AuditAction[] = [
  'service.created',
  'service.updated',
  'counter.created',
  'counter.updated',
  'settings.updated',
  'procedure.created',
  'procedure.updated',
  'procedure.imported',
];

/**
 * Groups of actions a reader filters by, each named with a trailing dot: every prefix of the
 * vocabulary (`ticket.`, `counter.`, `user.`, `device.`, `procedure.` ...) and `config.` (configuration changes).
 */
export const AUDIT_GROUPS: Readonly<Record<string, readonly AuditAction[]>> = (() => {
  const groups: Record<string, AuditAction[]> = {};
  for (const action of AUDIT_ACTIONS) (groups[`${action.slice(0, action.indexOf('.'))}.`] ??= []).push(action);
  return { ...groups, 'config.': [...CONFIGURATION_ACTIONS] };
})();
export const AUDIT_GROUP_NAMES = Object.keys(AUDIT_GROUPS);

/** The actions an action filter stands for: one action, or the actions of a group (`ticket.`, `config.` ...); empty for an unknown word. */
export function auditActionsOf(filter: string): readonly AuditAction[] {
  if ((AUDIT_ACTIONS as readonly string[]).includes(filter)) return [filter as AuditAction];
  return AUDIT_GROUPS[filter] ?? [];
}

export const AUDIT_ACTOR_TYPES = ['user', 'device', 'system'] as const;

/** Who did it, with the name they had then: a person, a station, or the hub itself (start-up, the qms command). */
export type AuditActor = { type: 'user' | 'device'; id: number; name: string } | { type: 'system'; id: null; name: string };

/** The hub acting on its own: first start, the demo, tests. */
export const SYSTEM_ACTOR: AuditActor = { type: 'system', id: null, name: 'hub' };

/** A person by their display name (their user name when they have none), a station by its name. */
export function auditActorOf(principal: Principal): AuditActor {
  if (principal.type === 'device') return { type: 'device', id: principal.id, name: principal.name };
  return { type: 'user', id: principal.id, name: principal.displayName.trim() || principal.username };
}

/** What a change records; the instant and the actor come from the change itself. */
export interface AuditRecord {
  action: AuditAction;
  ticketId?: number | null;
  counterId?: number | null;
  details?: Record<string, unknown>;
}

export interface NewAuditEntry {
  at: string;
  actor: AuditActor;
  action: AuditAction;
  ticketId: number | null;
  counterId: number | null;
  details: Record<string, unknown>;
}

export interface AuditEntry extends NewAuditEntry {
  id: number;
}

export function auditEntry(record: AuditRecord, actor: AuditActor, at: string): NewAuditEntry {
  return { at, actor, action: record.action, ticketId: record.ticketId ?? null, counterId: record.counterId ?? null, details: record.details ?? {} };
}
