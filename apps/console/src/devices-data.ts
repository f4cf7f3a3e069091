import type { Static } from '@sinclair/typebox';
import type { DeviceAlertSchema, DeviceSchema } from '@qms/protocol';
import type { ConsoleApi } from './api.js';

/** A device as GET /api/devices shows it, with its live link (connected, disconnectedAt) when the hub reports it. */
export type DeviceRow = Static<typeof DeviceSchema> & { connected?: boolean; disconnectedAt?: string | null; zone?: string | null };
export type AlertRow = Static<typeof DeviceAlertSchema>;

export interface DeviceSummary {
  devices: DeviceRow[];
  alerts: AlertRow[];
}

/** Reads the devices and their alerts together (the devices page and the alert strip). */
export async function loadDevices(api: ConsoleApi): Promise<DeviceSummary> {
  const [devices, alerts] = await Promise.all([api.get<DeviceRow[]>('/api/devices'), api.get<AlertRow[]>('/api/devices/alerts')]);
  return { devices, alerts };
}
