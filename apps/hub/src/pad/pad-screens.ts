import { h } from '@qms/ui';

/** What the tablet's own screens say (the rating screens are the counter's, reused). Vietnamese first, both shown. */
const TEXTS = {
  starting: { vi: 'Đang khởi động…', en: 'Starting…' },
  reconnecting: { vi: 'Đang kết nối lại máy chủ…', en: 'Reconnecting to the hub…' },
  reconnectingHint: { vi: 'Xin vui lòng chờ trong giây lát.', en: 'Please wait a moment.' },
  pairingTitle: { vi: 'Máy đánh giá chưa được kết nối', en: 'This rating pad is not paired yet' },
  pairingHint: {
    vi: 'Kỹ thuật viên duyệt mã này trên máy chủ, kèm số quầy của máy đánh giá:',
    en: 'A technician approves this code on the hub, with the number of its counter:',
  },
};

function both(key: keyof typeof TEXTS, tag: 'h1' | 'p' = 'h1'): HTMLElement {
  return h(tag, { class: 'both-langs' }, h('span', {}, TEXTS[key].vi), h('span', { class: 'other-lang' }, TEXTS[key].en));
}

/** The pairing code, very large, and the command that approves it with its counter. */
export function padPairingScreen(code: string | null): HTMLElement {
  const shown = code ?? '······';
  return h(
    'section',
    { class: 'screen pairing pad-pairing', 'data-screen': 'pad-pairing' },
    both('pairingTitle'),
    both('pairingHint', 'p'),
    h('div', { class: 'code', 'data-pairing-code': code ?? '' }, `${shown.slice(0, 3)} ${shown.slice(3)}`),
    h('p', { class: 'command' }, h('code', {}, `qms devices approve ${shown} --counter N`)),
  );
}

export function padMessageScreen(kind: 'starting' | 'reconnecting'): HTMLElement {
  return h('section', { class: 'screen message', 'data-screen': `pad-${kind}` }, h('div', { class: 'spinner' }), both(kind), kind === 'reconnecting' ? both('reconnectingHint', 'p') : null);
}
