import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_GROUP_NAMES, AUDIT_GROUPS, auditActionsOf, auditActorOf } from './audit.js';

describe('audit actors', () => {
  it('name a person by their display name (else their user name) and a station by its name', () => {
    expect(auditActorOf({ type: 'user', id: 3, username: 'quay1', displayName: 'Nguyễn Thị Lan', role: 'staff' })).toEqual({ type: 'user', id: 3, name: 'Nguyễn Thị Lan' });
    expect(auditActorOf({ type: 'user', id: 3, username: 'quay1', displayName: ' ', role: 'staff' })).toEqual({ type: 'user', id: 3, name: 'quay1' });
    expect(auditActorOf({ type: 'device', id: 9, name: 'Quầy 1', kind: 'counter', counterId: 1, zone: null })).toEqual({ type: 'device', id: 9, name: 'Quầy 1' });
  });
});

describe('audit action filters', () => {
  it('stand for one action, a prefix group or the configuration changes', () => {
    expect(auditActionsOf('ticket.cancelled')).toEqual(['ticket.cancelled']);
    expect(auditActionsOf('ticket.')).toEqual(['ticket.called_out_of_order', 'ticket.transferred', 'ticket.cancelled', 'ticket.requeued']);
    expect(auditActionsOf('device.')).toEqual(['device.approved', 'device.revoked']);
    expect(auditActionsOf('user.')).toContain('user.login_failed');
    expect(auditActionsOf('config.')).toEqual([
      'service.created',
      'service.updated',
      'counter.created',
      'counter.updated',
      'settings.updated',
      'procedure.created',
      'procedure.updated',
      'procedure.imported',
    ]);
    expect(auditActionsOf('procedure.')).toEqual(['procedure.created', 'procedure.updated', 'procedure.imported']);
    expect(auditActionsOf('counter.')).toEqual(['counter.paused', 'counter.resumed', 'counter.created', 'counter.updated']);
    expect(auditActionsOf('tick')).toEqual([]);
    expect(auditActionsOf('ticket')).toEqual([]);
  });

  it('name every group with a trailing dot, each action in at least one', () => {
    expect(AUDIT_GROUP_NAMES.every((name) => name.endsWith('.'))).toBe(true);
    for (const action of AUDIT_ACTIONS)
      expect(
        AUDIT_GROUP_NAMES.some((name) => AUDIT_GROUPS[name]?.includes(action)),
        action,
      ).toBe(true);
  });
});
