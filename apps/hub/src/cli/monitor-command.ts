import { businessDay, PAUSE_REASON_NAMES, systemClock } from '@qms/core';
import { SqliteQueueStore } from '@qms/db';
import type { MonitorDto } from '@qms/protocol';
import { loadHubConfig } from '../config.js';
import { FloorMonitor } from '../monitor/floor-monitor.js';
import { QueueSettings } from '../queue-settings.js';
import { CliError, openHubDatabase } from './open-data.js';

const clockText = (seconds: number) => {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
};
/** Pads to a width in characters (Vietnamese letters are one column each once composed). */
const pad = (text: string, width: number) => (text.length >= width ? text.slice(0, width) : text + ' '.repeat(width - text.length));
const padLeft = (text: string, width: number) => (text.length >= width ? text : ' '.repeat(width - text.length) + text);

/** One frame of the monitor as text: alarms first, then the fields, the counters and today's tickets per hour. */
export function monitorText(m: MonitorDto, timeZone: string): string {
  const at = new Date(m.at);
  const secondsSince = (iso: string) => (at.getTime() - Date.parse(iso)) / 1000;
  const localClock = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(at);
  const name = (serviceId: number) => {
    const service = m.services.find((s) => s.id === serviceId);
    return service ? `${service.prefix} ${service.name}` : `#${serviceId}`;
  };
  const lines = [`QMS · giám sát / floor monitor · ${m.businessDay} ${localClock} · chỉ tiêu chờ / wait target ${m.targetMinutes} phút`, ''];
  if (m.alarms.length === 0) lines.push('Cảnh báo / alarms: không / none');
  else {
    lines.push(`CẢNH BÁO / ALARMS (${m.alarms.length})`);
    for (const alarm of m.alarms) {
      lines.push(
        alarm.kind === 'wait_over_target'
          ? `  ! ${name(alarm.serviceId)}: có người đã chờ ${clockText(alarm.waitedSeconds)} (quá ${m.targetMinutes} phút) / waited over the target`
          : `  ! ${name(alarm.serviceId)}: ${alarm.waiting} người chờ, không quầy nào mở / waiting with no open counter`,
      );
    }
  }
  lines.push('', `${pad('LĨNH VỰC / FIELD', 34)} ${padLeft('CHỜ', 6)} ${padLeft('LÂU NHẤT', 9)} ${padLeft('QUẦY MỞ', 8)}`);
  for (const service of m.services) {
    lines.push(
      `${pad(`${service.prefix} ${service.name}${service.open ? '' : ' (đóng)'}`, 34)} ${padLeft(String(service.waiting), 6)} ${padLeft(service.longestWaitSeconds === null ? '-' : clockText(service.longestWaitSeconds), 9)} ${padLeft(String(service.countersOpen), 8)}`,
    );
  }
  lines.push('', `${pad('QUẦY / COUNTER', 16)} ${pad('TRẠNG THÁI / STATUS', 34)} ${padLeft('TỪ / FOR', 9)}`);
  for (const counter of m.counters) {
    let status: string;
    let since: string | null;
    if (counter.ticket) {
      status = `${counter.ticket.status === 'serving' ? 'đang phục vụ' : 'đã gọi'} ${counter.ticket.label}`;
      since = counter.ticket.since;
    } else if (counter.status === 'paused') {
      status = `tạm dừng${counter.pauseReason ? ` (${PAUSE_REASON_NAMES[counter.pauseReason].vi})` : ''}`;
      since = counter.pausedSince;
    } else {
      status = 'rảnh / idle';
      since = counter.idleSince;
    }
    lines.push(`${pad(`${counter.number} ${counter.name}`, 16)} ${pad(status, 34)} ${padLeft(since === null ? '-' : clockText(secondsSince(since)), 9)}`);
  }
  lines.push('', 'SỐ PHIẾU THEO GIỜ / TICKETS PER HOUR (cấp / issued, phục vụ / served)');
  const most = Math.max(1, ...m.ticketsPerHour.map((h) => h.issued));
  for (const hour of m.ticketsPerHour) {
    lines.push(`  ${String(hour.hour).padStart(2, '0')}h ${padLeft(String(hour.issued), 5)} ${padLeft(String(hour.served), 5)}  ${'█'.repeat(Math.max(1, Math.round((hour.issued / most) * 40)))}`);
  }
  if (m.ticketsPerHour.length === 0) lines.push('  (chưa có / none yet)');
  return `${lines.join('\n')}\n`;
}

/**
 * qms monitor: the floor monitor in a terminal (over SSH on the hub machine), read from the hub's
 * database every few seconds, hub running or not. --once prints one frame and exits.
 */
export async function monitorCommand(options: { data?: string; once?: boolean; interval?: string }): Promise<void> {
  const interval = options.interval === undefined ? 2 : Number(options.interval);
  if (!Number.isFinite(interval) || interval < 1 || interval > 3600) throw new CliError(`--interval "${options.interval}" must be a number of seconds from 1 to 3600`);
  const config = loadHubConfig({ data: options.data });
  const { db } = openHubDatabase(options.data);
  const queue = new SqliteQueueStore(db);
  const settings = new QueueSettings(queue, config.timeZone);
  const monitor = new FloorMonitor({
    db,
    queue,
    clock: systemClock,
    timeZone: config.timeZone,
    today: () => businessDay(systemClock.now(), config.timeZone),
    targetMinutes: () => settings.view().waitTargetMinutes,
  });
  const frame = () => {
    // The hub writes from its own connection: read everything afresh each time.
    queue.invalidateCaches();
    settings.reload();
    return monitorText(monitor.now(), config.timeZone);
  };
  try {
    if (options.once) {
      process.stdout.write(frame());
      return;
    }
    await new Promise<void>((resolve) => {
      const draw = () => process.stdout.write(`\x1b[2J\x1b[H${frame()}\n(Ctrl-C để thoát / to quit)\n`);
      draw();
      const timer = setInterval(draw, interval * 1000);
      process.once('SIGINT', () => {
        clearInterval(timer);
        resolve();
      });
    });
  } finally {
    db.close();
  }
}
