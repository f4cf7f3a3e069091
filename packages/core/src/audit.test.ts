import { describe, expect, it } from 'vitest';
import { auditActorOf } from './audit.js';

describe('audit actors', () => {
  it('name a person by their display name (else their user name) and a station by its name', () => {
    expect(auditActorOf({ type: 'user', id: 3, username: 'quay1', displayName: 'Nguyễn Thị Lan', role: 'staff' })).toEqual({ type: 'user', id: 3, name: 'Nguyễn Thị Lan' });
    expect(auditActorOf({ type: 'user', id: 3, username: 'quay1', displayName: ' ', role: 'staff' })).toEqual({ type: 'user', id: 3, name: 'quay1' });
    expect(auditActorOf({ type: 'device', id: 9, name: 'Quầy 1', kind: 'counter', counterId: 1, zone: null })).toEqual({ type: 'device', id: 9, name: 'Quầy 1' });
  });
});
