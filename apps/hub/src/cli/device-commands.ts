import { userInfo } from 'node:os';
import { SqliteQueueStore } from '@qms/db';
import type { DeviceRecord } from '@qms/db';
import { CliError, commandActor, withAccess } from './open-data.js';

function row(device: DeviceRecord): string {
  const code = device.status === 'pending' ? `code ${device.pairingCode}` : '';
  const counter = device.counterId !== null ? `counter #${device.counterId}` : '';
  const zone = device.zone !== null ? `zone ${device.zone}` : '';
  const seen = device.lastSeenAt ? `seen ${device.lastSeenAt}` : '';
  return [String(device.id).padStart(4), device.kind.padEnd(8), device.status.padEnd(9), device.name, code, counter, zone, seen, device.remoteAddress ?? ''].filter(Boolean).join('  ');
}

export async function devicesList(options: { data?: string; json?: boolean }): Promise<void> {
  await withAccess(options.data, (access) => {
    const devices = access.listDevices();
    if (options.json) {
      for (const device of devices) process.stdout.write(`${JSON.stringify(device)}\n`);
    } else if (devices.length === 0) {
      process.stdout.write('no stations yet; a new station shows a pairing code on its screen\n');
    } else {
      for (const device of devices) process.stdout.write(`${row(device)}\n`);
    }
  });
}

export async function devicesApprove(code: string, options: { data?: string; counter?: string; name?: string; zone?: string }): Promise<void> {
  await withAccess(options.data, (access, db) => {
    let counterId: number | undefined;
    if (options.counter !== undefined) {
      const number = Number(options.counter);
      const counter = new SqliteQueueStore(db).listCounters().find((candidate) => candidate.number === number);
      if (!counter) throw new CliError(`there is no counter number ${options.counter}`);
      counterId = counter.id;
    }
    const device = access.approve({ code, by: `qms cli (${userInfo().username})`, counterId, name: options.name, zone: options.zone }, commandActor());
    process.stdout.write(`approved: ${row(device)}\n`);
  });
}

export async function devicesRevoke(id: string, options: { data?: string }): Promise<void> {
  const deviceId = Number(id);
  if (!Number.isInteger(deviceId) || deviceId < 1) throw new CliError(`"${id}" is not a device id (see qms devices list)`);
  await withAccess(options.data, (access) => {
    const device = access.revoke(deviceId, commandActor());
    process.stdout.write(`revoked: ${row(device)}\n`);
  });
}

/** Hardware problems the stations reported: the active ones, then the latest cleared. */
export async function devicesAlerts(options: { data?: string; json?: boolean; all?: boolean }): Promise<void> {
  await withAccess(options.data, (access) => {
    const alerts = access.listAlerts().filter((alert) => options.all || alert.clearedAt === null);
    if (options.json) {
      for (const alert of alerts) process.stdout.write(`${JSON.stringify(alert)}\n`);
      return;
    }
    if (alerts.length === 0) {
      process.stdout.write(options.all ? 'no station has reported a problem\n' : 'no active alerts (--all shows the cleared ones too)\n');
      return;
    }
    for (const alert of alerts) {
      const state = alert.clearedAt ? `cleared ${alert.clearedAt}` : `ACTIVE since ${alert.raisedAt}`;
      process.stdout.write(`${String(alert.deviceId).padStart(4)}  ${alert.deviceKind.padEnd(8)} ${alert.deviceName}  ${alert.source}: ${alert.code}  ${state}  ${alert.message}\n`);
    }
  });
}
