import type { DeviceKind, Role } from '@qms/core';
import type { DeviceRecord, DeviceStatus, UserRecord } from './access-records.js';

/** Rows of the access tables as SQLite returns them, and their mapping to the store's records. */

export interface UserRow {
  id: number;
  username: string;
  role: string;
  display_name: string;
  active: number;
  created_at: string;
  password_hash: string;
  pin_hash: string | null;
}

export interface DeviceRow {
  id: number;
  kind: string;
  name: string;
  status: string;
  pairing_code: string | null;
  pairing_secret_hash: string | null;
  pairing_expires_at: string | null;
  counter_id: number | null;
  remote_address: string | null;
  created_at: string;
  approved_at: string | null;
  approved_by: string | null;
  revoked_at: string | null;
  last_seen_at: string | null;
  zone: string | null;
}

export interface TokenRow {
  expires_at: string | null;
  revoked_at: string | null;
  user_id: number | null;
  username: string | null;
  display_name: string | null;
  role: string | null;
  user_active: number | null;
  device_id: number | null;
  device_name: string | null;
  kind: string | null;
  device_status: string | null;
  counter_id: number | null;
  zone: string | null;
}

export const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  username: row.username,
  role: row.role as Role,
  displayName: row.display_name,
  active: row.active === 1,
  createdAt: row.created_at,
});

export const toDevice = (row: DeviceRow): DeviceRecord => ({
  id: row.id,
  kind: row.kind as DeviceKind,
  name: row.name,
  status: row.status as DeviceStatus,
  pairingCode: row.pairing_code,
  pairingExpiresAt: row.pairing_expires_at,
  counterId: row.counter_id,
  remoteAddress: row.remote_address,
  createdAt: row.created_at,
  approvedAt: row.approved_at,
  approvedBy: row.approved_by,
  revokedAt: row.revoked_at,
  lastSeenAt: row.last_seen_at,
  zone: row.zone,
});
