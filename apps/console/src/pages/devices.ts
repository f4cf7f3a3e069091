import { h } from '@qms/ui';
import type { Static } from '@sinclair/typebox';
import type { CounterSchema } from '@qms/protocol';
import { type DeviceRow, type DeviceSummary, loadDevices } from '../devices-data.js';
import { COMMON, formatInstant, formatSeconds } from '../i18n.js';
import type { ConsolePage, PageContext } from '../page.js';
import { debounce } from '../util.js';

type Counter = Static<typeof CounterSchema>;

const T = {
  pending: { vi: 'Thiết bị chờ ghép nối', en: 'Devices waiting to pair' },
  pendingHelp: {
    vi: 'Mã ghép nối hiện trên màn hình của thiết bị. Duyệt đúng thiết bị có mã đó.',
    en: "The pairing code shows on the device's screen. Approve the device that shows it.",
  },
  paired: { vi: 'Thiết bị đã ghép nối', en: 'Paired devices' },
  revoked: { vi: 'Thiết bị đã thu hồi hoặc từ chối', en: 'Revoked or denied devices' },
  code: { vi: 'Mã', en: 'Code' },
  kind: { vi: 'Loại', en: 'Kind' },
  name: { vi: 'Tên', en: 'Name' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  requested: { vi: 'Yêu cầu lúc', en: 'Requested' },
  counter: { vi: 'Quầy', en: 'Counter' },
  zone: { vi: 'Khu vực quầy', en: 'Zone (counters)' },
  allCounters: { vi: 'Mọi quầy', en: 'All counters' },
  zoneHint: { vi: 'số quầy, ví dụ 1,2,3 (trống: mọi quầy)', en: 'counter numbers, e.g. 1,2,3 (empty: all)' },
  chooseCounter: { vi: '— chọn quầy —', en: '— choose a counter —' },
  noCounter: { vi: '— không gắn quầy —', en: '— no counter —' },
  needCounter: { vi: 'Chọn quầy cho thiết bị này rồi bấm Duyệt.', en: 'Choose the counter of this device, then Approve.' },
  approve: { vi: 'Duyệt', en: 'Approve' },
  deny: { vi: 'Từ chối', en: 'Deny' },
  revoke: { vi: 'Thu hồi', en: 'Revoke' },
  approved: { vi: 'Đã duyệt {name}', en: 'Approved {name}' },
  denied: { vi: 'Đã từ chối {name}', en: 'Denied {name}' },
  revokedOne: { vi: 'Đã thu hồi {name}: thiết bị sẽ hiện mã ghép nối mới', en: 'Revoked {name}: it will show a new pairing code' },
  lastSeen: { vi: 'Lần cuối', en: 'Last seen' },
  link: { vi: 'Kết nối', en: 'Link' },
  online: { vi: 'Trực tuyến', en: 'Online' },
  offlineFor: { vi: 'Mất kết nối {t}', en: 'Offline for {t}' },
  unknownLink: { vi: '—', en: '—' },
  health: { vi: 'Tình trạng', en: 'Health' },
  ok: { vi: 'Bình thường', en: 'OK' },
  tests: { vi: 'Kiểm tra', en: 'Tests' },
  preview: { vi: 'Xem phiếu', en: 'Receipt preview' },
  print: { vi: 'In thử', en: 'Test print' },
  lastScan: { vi: 'Lần quét cuối', en: 'Last scan' },
  voice: { vi: 'Phát thử', en: 'Sample announcement' },
  running: { vi: 'Đang gửi lệnh tới thiết bị…', en: 'Sending the command to the device…' },
  printed: { vi: 'Đã in phiếu thử.', en: 'The test receipt was printed.' },
  queued: { vi: 'Màn hình đang phát lời mời mẫu.', en: 'The display is playing a sample announcement.' },
  noScan: { vi: 'Chưa quét gì từ khi thiết bị khởi động.', en: 'Nothing scanned since the device started.' },
  scanned: { vi: 'Quét lúc {at} ({source}): {text}', en: 'Scanned at {at} ({source}): {text}' },
  noneWaiting: { vi: 'Không có thiết bị nào chờ ghép nối.', en: 'No device is waiting to pair.' },
} as const;

const KIND = {
  kiosk: { vi: 'Máy lấy số', en: 'Kiosk' },
  counter: { vi: 'Máy gọi số (quầy)', en: 'Counter station' },
  display: { vi: 'Màn hình sảnh', en: 'Hall display' },
  rating: { vi: 'Máy đánh giá', en: 'Rating pad' },
} as const;

/** Which hardware tests each kind of station runs (the hub refuses the others). */
const TESTS: Record<string, { command: string; label: keyof typeof T }[]> = {
  kiosk: [
    { command: 'receipt.preview', label: 'preview' },
    { command: 'receipt.print', label: 'print' },
    { command: 'scanner.last', label: 'lastScan' },
  ],
  display: [{ command: 'voice.sample', label: 'voice' }],
};

/** Pairing, the paired stations with their link and health, revoking, and hardware tests. */
export const devicesPage: ConsolePage = {
  id: 'devices',
  title: { vi: 'Thiết bị', en: 'Devices' },
  technicianEdits: true,
  mount(root, ctx) {
    const pending = h('tbody', {});
    const paired = h('tbody', {});
    const revoked = h('ul', { class: 'plain' });
    const result = h('section', { class: 'command-result', 'data-command-result': '', 'aria-live': 'polite' });
    const { t } = ctx;
    root.append(
      h('section', {}, h('h2', {}, t(T.pending)), h('p', { class: 'muted' }, t(T.pendingHelp)), table([T.code, T.kind, T.name, T.address, T.requested, T.counter, ''], pending, t)),
      h('section', {}, h('h2', {}, t(T.paired)), table([T.kind, T.name, T.counter, T.address, T.link, T.lastSeen, T.health, T.tests, ''], paired, t)),
      result,
      h('details', {}, h('summary', {}, t(T.revoked)), revoked),
    );
    let counters: Counter[] = [];
    let summary: DeviceSummary = { devices: [], alerts: [] };
    /** Rows being edited keep their inputs: a redraw never replaces a row under the technician's hands. */
    const pendingRows = new Map<number, HTMLTableRowElement>();

    const draw = () => {
      const waiting = summary.devices.filter((device) => device.status === 'pending' && device.pairingCode);
      for (const [id, row] of pendingRows) {
        if (waiting.some((device) => device.id === id)) continue;
        pendingRows.delete(id);
        row.remove();
      }
      for (const device of waiting) if (!pendingRows.has(device.id)) pendingRows.set(device.id, pendingRow(device, counters, ctx, reload));
      pending.replaceChildren(...waiting.map((device) => pendingRows.get(device.id) as HTMLTableRowElement));
      if (waiting.length === 0) pending.replaceChildren(h('tr', {}, h('td', { colspan: 7, class: 'muted' }, t(T.noneWaiting))));
      const approved = summary.devices.filter((device) => device.status === 'approved');
      paired.replaceChildren(...approved.map((device) => pairedRow(device, summary, counters, ctx, reload, result)));
      if (approved.length === 0) paired.replaceChildren(h('tr', {}, h('td', { colspan: 9, class: 'muted' }, t(COMMON.none))));
      revoked.replaceChildren(
        ...summary.devices
          .filter((device) => device.status === 'revoked')
          .map((device) => h('li', { 'data-revoked-device': String(device.id) }, `${device.name} · ${t(KIND[device.kind])} · ${formatInstant(device.revokedAt, ctx.lang)}`)),
      );
    };

    const reload = debounce(() => {
      Promise.all([loadDevices(ctx.api), ctx.api.get<Counter[]>('/api/counters')])
        .then(([read, readCounters]) => {
          summary = read;
          counters = readCounters;
          draw();
        })
        .catch((error: unknown) => ctx.fail(error));
    }, 50);
    reload();
    const offDevices = ctx.live.on('devices', reload);
    const offConfig = ctx.live.on('config', reload);
    // "Offline for N s" moves with the clock.
    const tick = setInterval(() => {
      for (const cell of root.querySelectorAll<HTMLElement>('[data-offline-since]')) {
        cell.textContent = t(T.offlineFor).replace('{t}', formatSeconds((Date.now() - Date.parse(cell.dataset.offlineSince ?? '')) / 1000, ctx.lang));
      }
    }, 1000);
    return () => {
      offDevices();
      offConfig();
      reload.cancel();
      clearInterval(tick);
    };
  },
};

function table(headings: ({ vi: string; en: string } | '')[], body: HTMLTableSectionElement, t: PageContext['t']): HTMLTableElement {
  return h('table', {}, h('thead', {}, h('tr', {}, ...headings.map((heading) => h('th', { scope: 'col' }, heading === '' ? '' : t(heading))))), body);
}

function pendingRow(device: DeviceRow, counters: Counter[], ctx: PageContext, reload: () => void): HTMLTableRowElement {
  const { t } = ctx;
  const code = device.pairingCode ?? '';
  const name = h('input', { name: 'name', value: device.name, maxlength: 64, 'aria-label': t(T.name) });
  const needsCounter = device.kind === 'counter' || device.kind === 'rating';
  const counter = needsCounter
    ? h(
        'select',
        { name: 'counterId', 'aria-label': t(T.counter) },
        h('option', { value: '' }, t(T.chooseCounter)),
        ...(device.kind === 'counter' ? [h('option', { value: 'none' }, t(T.noCounter))] : []),
        ...counters.map((c) => h('option', { value: String(c.id) }, `${c.number} · ${c.name}`)),
      )
    : null;
  const zone = device.kind === 'display' ? h('input', { name: 'zone', maxlength: 64, placeholder: t(T.zoneHint), 'aria-label': t(T.zone) }) : null;
  const note = h('span', { class: 'row-note', role: 'alert' });
  const approve = h('button', { type: 'button', class: 'primary', 'data-action': 'approve', disabled: !ctx.canEdit }, t(T.approve));
  const deny = h('button', { type: 'button', 'data-action': 'deny', disabled: !ctx.canEdit }, t(T.deny));
  approve.addEventListener('click', () => {
    const body: Record<string, unknown> = { code };
    if (name.value.trim() !== '' && name.value.trim() !== device.name) body.name = name.value.trim();
    if (counter) {
      if (counter.value === '') {
        note.textContent = t(T.needCounter);
        row.dataset.needs = 'counter';
        counter.focus();
        return;
      }
      if (counter.value !== 'none') body.counterId = Number(counter.value);
    }
    if (zone && zone.value.trim() !== '') body.zone = zone.value.trim();
    approve.disabled = true;
    ctx.api
      .send('POST', '/api/devices/approve', body)
      .then(() => {
        ctx.say(t(T.approved).replace('{name}', String(body.name ?? device.name)));
        reload();
      })
      .catch((error: unknown) => {
        approve.disabled = false;
        ctx.fail(error);
      });
  });
  deny.addEventListener('click', () => {
    deny.disabled = true;
    ctx.api
      .send('POST', `/api/devices/${device.id}/revoke`)
      .then(() => {
        ctx.say(t(T.denied).replace('{name}', device.name));
        reload();
      })
      .catch((error: unknown) => {
        deny.disabled = false;
        ctx.fail(error);
      });
  });
  const row = h(
    'tr',
    { 'data-pending-code': code, 'data-device-id': String(device.id), 'data-kind': device.kind },
    h('td', {}, h('code', { class: 'pairing-code' }, code)),
    h('td', {}, t(KIND[device.kind])),
    h('td', {}, name),
    h('td', {}, device.remoteAddress ?? '—'),
    h('td', {}, formatInstant(device.createdAt, ctx.lang)),
    h('td', {}, counter ?? zone ?? '—'),
    h('td', { class: 'actions' }, approve, ' ', deny, note),
  );
  return row;
}

function pairedRow(device: DeviceRow, summary: DeviceSummary, counters: Counter[], ctx: PageContext, reload: () => void, result: HTMLElement): HTMLTableRowElement {
  const { t } = ctx;
  const counter = counters.find((c) => c.id === device.counterId);
  const problems = summary.alerts.filter((alert) => alert.deviceId === device.id && alert.clearedAt === null);
  const link =
    device.connected === true
      ? h('span', { class: 'ok', 'data-link': 'online' }, t(T.online))
      : device.connected === false && device.disconnectedAt
        ? h(
            'span',
            { class: 'warn', 'data-link': 'offline', 'data-offline-since': device.disconnectedAt },
            t(T.offlineFor).replace('{t}', formatSeconds((Date.now() - Date.parse(device.disconnectedAt)) / 1000, ctx.lang)),
          )
        : h('span', { 'data-link': 'unknown' }, t(T.unknownLink));
  const health =
    problems.length === 0
      ? h('span', { class: 'ok', 'data-health': 'ok' }, t(T.ok))
      : h('ul', { class: 'plain', 'data-health': 'problem' }, ...problems.map((p) => h('li', { class: 'warn', 'data-problem': `${p.source}:${p.code}` }, p.message)));
  const tests = (TESTS[device.kind] ?? []).map((test) =>
    h('button', { type: 'button', 'data-action': test.command.replace('.', '-'), disabled: !ctx.canEdit, onclick: () => runCommand(device, test.command, ctx, result) }, t(T[test.label])),
  );
  const revoke = h('button', { type: 'button', 'data-action': 'revoke', disabled: !ctx.canEdit }, t(T.revoke));
  revoke.addEventListener('click', () => {
    revoke.disabled = true;
    ctx.api
      .send('POST', `/api/devices/${device.id}/revoke`)
      .then(() => {
        ctx.say(t(T.revokedOne).replace('{name}', device.name));
        reload();
      })
      .catch((error: unknown) => {
        revoke.disabled = false;
        ctx.fail(error);
      });
  });
  const place = counter ? `${counter.number} · ${counter.name}` : device.zone ? `${t(T.zone)}: ${device.zone}` : device.kind === 'display' ? t(T.allCounters) : '—';
  return h(
    'tr',
    { 'data-device-id': String(device.id), 'data-kind': device.kind, 'data-device-name': device.name },
    h('td', {}, t(KIND[device.kind])),
    h('td', {}, device.name),
    h('td', {}, place),
    h('td', {}, device.remoteAddress ?? '—'),
    h('td', {}, link),
    h('td', {}, formatInstant(device.lastSeenAt, ctx.lang)),
    h('td', {}, health),
    h('td', { class: 'actions' }, ...tests),
    h('td', { class: 'actions' }, revoke),
  );
}

/** Sends a hardware test to a station through the hub and shows what it answered. */
function runCommand(device: DeviceRow, command: string, ctx: PageContext, result: HTMLElement): void {
  const { t } = ctx;
  result.dataset.command = command;
  result.dataset.state = 'running';
  result.replaceChildren(h('p', {}, `${device.name}: ${t(T.running)}`));
  ctx.api
    .send<{ command: string; result: unknown }>('POST', `/api/devices/${device.id}/commands`, { command })
    .then(({ result: answer }) => {
      result.dataset.state = 'done';
      result.replaceChildren(h('h3', {}, device.name), commandResult(command, answer, ctx));
    })
    .catch((error: unknown) => {
      result.dataset.state = 'failed';
      result.replaceChildren();
      ctx.fail(error);
    });
}

function commandResult(command: string, answer: unknown, ctx: PageContext): HTMLElement {
  const { t } = ctx;
  if (command === 'receipt.preview') {
    const { png, width, height } = answer as { png: string; width: number; height: number };
    return h(
      'figure',
      {},
      h('img', { src: `data:image/png;base64,${png}`, width, height, alt: t(T.preview), 'data-receipt-preview': '' }),
      h('figcaption', { class: 'muted' }, `${width} × ${height}`),
    );
  }
  if (command === 'receipt.print') return h('p', { class: 'ok' }, t(T.printed));
  if (command === 'voice.sample') return h('p', { class: 'ok' }, t(T.queued));
  if (command === 'scanner.last') {
    const scan = answer as { at: string; source: string; text: string } | null;
    if (!scan) return h('p', { 'data-last-scan': '' }, t(T.noScan));
    return h('p', { 'data-last-scan': scan.text }, t(T.scanned).replace('{at}', formatInstant(scan.at, ctx.lang)).replace('{source}', scan.source).replace('{text}', scan.text));
  }
  return h('pre', {}, JSON.stringify(answer, null, 2));
}
