import type { DeviceKind, Role } from '@qms/core';

export interface UserRecord {
  id: number;
  username: string;
  role: Role;
  displayName: string;
  active: boolean;
  createdAt: string;
}

export interface DeviceAlertRecord {
  deviceId: number;
  deviceName: string;
  deviceKind: DeviceKind;
  source: string;
  code: string;
  message: string;
  raisedAt: string;
  clearedAt: string | null;
}

export type DeviceStatus = 'pending' | 'approved' | 'revoked';

export interface DeviceRecord {
  id: number;
  kind: DeviceKind;
  name: string;
  status: DeviceStatus;
  pairingCode: string | null;
  pairingExpiresAt: string | null;
  counterId: number | null;
  remoteAddress: string | null;
  createdAt: string;
  approvedAt: string | null;
  approvedBy: string | null;
  revokedAt: string | null;
  lastSeenAt: string | null;
  /** A display's zone, set at approval: counter numbers like "1,2,3"; null for other kinds or none given. */
  zone: string | null;
}
