import { h } from '@qms/ui';
import { type DeviceSummary, loadDevices } from './devices-data.js';
import { formatSeconds } from './i18n.js';
import type { PageContext } from './page.js';
import { debounce } from './util.js';

/** A station without a live link to the hub for this long is an alert. */
export const OFFLINE_ALERT_SECONDS = 60;

const T = {
  title: { vi: 'Cảnh báo', en: 'Alerts' },
  offline: { vi: 'Mất kết nối với máy chủ', en: 'No link with the hub' },
  since: { vi: 'từ {t} trước', en: 'for {t}' },
  none: { vi: 'Không có cảnh báo', en: 'No alerts' },
  feedDown: { vi: 'Mất kết nối cập nhật trực tiếp; đang kết nối lại…', en: 'The live feed is down; reconnecting…' },
};

interface Alert {
  key: string;
  device: string;
  text: string;
  since: number;
}

/**
 * The alert strip on every page: hardware problems the stations report (paper out, scanner
 * unplugged, sign not answering, no audio) and stations offline for more than a minute, with the
 * time since, live from the hub's device notices; a new alert beeps.
 */
export function mountAlertStrip(root: HTMLElement, ctx: Omit<PageContext, 'canEdit'>): () => void {
  const list = h('ul', { class: 'alerts', 'aria-live': 'polite' });
  const feed = h('p', { class: 'feed-down', hidden: true, role: 'status' }, ctx.t(T.feedDown));
  root.replaceChildren(h('section', { class: 'alert-strip', 'aria-label': ctx.t(T.title) }, feed, list));
  let summary: DeviceSummary = { devices: [], alerts: [] };
  let known: Set<string> | null = null;

  /** Recomputed every second from the last reading: an offline station becomes an alert as time passes. */
  const draw = () => {
    const now = Date.now();
    const alerts = alertsOf(summary, ctx, now);
    const keys = new Set(alerts.map((alert) => alert.key));
    if (known && [...keys].some((key) => !known?.has(key))) beep();
    known = keys;
    list.replaceChildren(
      ...alerts.map((alert) =>
        h(
          'li',
          { 'data-alert': alert.key },
          h('strong', {}, alert.device),
          ' · ',
          alert.text,
          ' · ',
          h('span', { class: 'muted', 'data-alert-since': '' }, ctx.t(T.since).replace('{t}', formatSeconds((now - alert.since) / 1000, ctx.lang))),
        ),
      ),
    );
    root.classList.toggle('has-alerts', alerts.length > 0);
  };

  const reload = debounce(() => {
    loadDevices(ctx.api)
      .then((read) => {
        summary = read;
        draw();
      })
      .catch((error: unknown) => ctx.fail(error));
  }, 100);

  reload();
  const tick = setInterval(draw, 1000);
  const offDevices = ctx.live.on('devices', reload);
  const offConnection = ctx.live.onConnection((connected) => {
    feed.hidden = connected;
  });
  return () => {
    clearInterval(tick);
    reload.cancel();
    offDevices();
    offConnection();
  };
}

function alertsOf(summary: DeviceSummary, ctx: Pick<PageContext, 't'>, now: number): Alert[] {
  const alerts: Alert[] = summary.alerts
    .filter((alert) => alert.clearedAt === null)
    .map((alert) => ({ key: `${alert.deviceId}:${alert.source}:${alert.code}`, device: alert.deviceName, text: alert.message, since: Date.parse(alert.raisedAt) }));
  for (const device of summary.devices) {
    if (device.status !== 'approved' || device.connected !== false || !device.disconnectedAt) continue;
    const since = Date.parse(device.disconnectedAt);
    if (now - since >= OFFLINE_ALERT_SECONDS * 1000) alerts.push({ key: `${device.id}:link:offline`, device: device.name, text: ctx.t(T.offline), since });
  }
  return alerts.sort((a, b) => a.since - b.since);
}

let audio: AudioContext | null = null;
/** Two short tones: a new alert. */
function beep(): void {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.25, 660],
    ] as const) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.2, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.2);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.2);
    }
    document.documentElement.dataset.lastBeep = new Date().toISOString();
  } catch {
    // No audio output on this machine: the strip still shows the alert.
  }
}
