/**
 * The script of the citizens' pages, run by a phone's browser. The hub serves it as the source of
 * this one function (`(${citizenPageScript})()`), so it is typechecked with the hub yet needs no
 * bundler: it must stay self-contained (no imports, nothing from outside the function) and keep to
 * syntax old Android browsers run (no `?.`, no `??`).
 *
 * On every page: the feedback form. On a ticket's page: the live feed of that ticket (WebSocket),
 * re-rendering the ticket's state; a call or a recall vibrates and beeps once; a dropped connection
 * is retried with a growing delay and said on screen.
 */
export function citizenPageScript(): void {
  const main = document.querySelector<HTMLElement>('main[data-page]');
  if (!main) return;
  const page: HTMLElement = main;

  interface Line {
    vi: string;
    en: string;
  }
  interface TicketState {
    type: 'ticket';
    label: string;
    status: string;
    service: Line;
    ahead: number | null;
    counter: number | null;
    call: string | null;
    lines: Line[];
  }

  /** Puts these children in place of the old ones (replaceChildren is too new for some phones). */
  function fill(parent: HTMLElement, children: HTMLElement[]) {
    while (parent.firstChild) parent.removeChild(parent.firstChild);
    children.forEach((child) => parent.appendChild(child));
  }

  function element(tag: string, className: string, text: string): HTMLElement {
    const made = document.createElement(tag);
    if (className) made.className = className;
    made.textContent = text;
    return made;
  }

  // ---- feedback
  const form = document.querySelector<HTMLFormElement>('form[data-feedback-form]');
  if (form) {
    const feedback: HTMLFormElement = form;
    const result = feedback.querySelector<HTMLElement>('[data-feedback-result]');
    const send = feedback.querySelector<HTMLButtonElement>('[data-feedback-send]');
    const say = (outcome: string, vi: string, en: string) => {
      if (!result) return;
      result.setAttribute('data-feedback-result', outcome);
      fill(result, [element('span', 'vi', vi), document.createElement('br'), element('span', 'en', en)]);
    };
    feedback.addEventListener('submit', (event) => {
      event.preventDefault();
      const textField = feedback.querySelector<HTMLTextAreaElement>('[data-feedback-text]');
      const phoneField = feedback.querySelector<HTMLInputElement>('[data-feedback-phone]');
      const text = textField ? textField.value.trim() : '';
      const phone = phoneField ? phoneField.value.trim() : '';
      if (text.length < 5) {
        say('error-short', 'Nội dung góp ý quá ngắn: xin viết ít nhất 5 ký tự.', 'Your message is too short: write at least 5 characters.');
        return;
      }
      const body: Record<string, string> = { text, about: feedback.getAttribute('data-about') || '' };
      if (phone) body.phone = phone;
      if (send) send.disabled = true;
      say('sending', 'Đang gửi…', 'Sending…');
      fetch('/api/feedback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
        .then((reply) => {
          if (reply.status === 201) {
            say('sent', 'Cảm ơn ông/bà đã góp ý! Trung tâm sẽ xem xét.', 'Thank you for your feedback! The centre will look into it.');
            if (textField) textField.value = '';
            if (phoneField) phoneField.value = '';
            return;
          }
          return reply.json().then(
            (answer: { error?: { code?: string; message?: string } }) => {
              const error = answer && answer.error ? answer.error : {};
              if (error.code === 'feedback.too_many') {
                const minutes = Math.max(1, Math.ceil(Number(reply.headers.get('retry-after') || '60') / 60));
                say('error-too-many', `Ông/bà đã gửi nhiều góp ý. Xin thử lại sau ${minutes} phút.`, `You have sent several messages. Please try again in ${minutes} min.`);
              } else if (error.message && error.message.indexOf('phone') >= 0) {
                say('error-phone', 'Số điện thoại chưa đúng (ví dụ 0912345678).', 'The phone number is not valid (e.g. 0912345678).');
              } else if (error.message && error.message.indexOf('text') >= 0) {
                say('error-short', 'Nội dung góp ý phải từ 5 đến 2000 ký tự.', 'The message must be 5 to 2000 characters.');
              } else {
                say('error', 'Chưa gửi được góp ý. Xin thử lại.', 'The message was not sent. Please try again.');
              }
            },
            () => say('error', 'Chưa gửi được góp ý. Xin thử lại.', 'The message was not sent. Please try again.'),
          );
        })
        .catch(() => say('error-network', 'Không gửi được: kiểm tra kết nối Wi-Fi rồi thử lại.', 'Could not send: check the Wi-Fi connection and try again.'))
        .then(() => {
          if (send) send.disabled = false;
        });
    });
  }

  if (page.getAttribute('data-page') !== 'ticket') return;

  // ---- the ticket, live
  const ticketId = page.getAttribute('data-ticket-id') || '';
  const label = page.getAttribute('data-ticket-label') || '';
  const FINAL = ['done', 'no_show', 'cancelled'];
  const liveNote = page.querySelector<HTMLElement>('[data-live-note]');
  const rungKey = `qms.rung.${ticketId}-${label}`;
  let rung = '';
  try {
    rung = sessionStorage.getItem(rungKey) || '';
  } catch {
    rung = ''; // storage refused (private mode): a reload may ring once more
  }

  function setLive(live: string) {
    page.setAttribute('data-live', live);
    if (!liveNote) return;
    const words: Record<string, [string, string]> = {
      connecting: ['Đang kết nối…', 'Connecting…'],
      connected: ['Tự cập nhật khi đến lượt', 'Updates by itself when it is your turn'],
      reconnecting: ['Mất kết nối, đang kết nối lại…', 'Connection lost, reconnecting…'],
      ended: ['', ''],
    };
    const said = words[live] || ['', ''];
    fill(liveNote, [element('span', 'vi', said[0]), document.createElement('br'), element('span', 'en', said[1])]);
  }

  // Sound: a phone plays Web Audio only after a touch on the page; the button (or any touch) unlocks it.
  let audio: AudioContext | null = null;
  function unlockAudio() {
    const Context = window.AudioContext || (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Context) return;
    if (!audio) audio = new Context();
    if (audio.state === 'suspended') audio.resume().catch(() => undefined);
  }
  function beep() {
    unlockAudio();
    if (!audio || audio.state !== 'running') return;
    const context = audio;
    [0, 0.35].forEach((offset) => {
      const tone = context.createOscillator();
      const gain = context.createGain();
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, context.currentTime + offset);
      gain.gain.exponentialRampToValueAtTime(0.5, context.currentTime + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + offset + 0.28);
      tone.connect(gain).connect(context.destination);
      tone.start(context.currentTime + offset);
      tone.stop(context.currentTime + offset + 0.3);
    });
  }
  const soundButton = page.querySelector<HTMLButtonElement>('[data-sound]');
  if (soundButton) {
    soundButton.addEventListener('click', () => {
      unlockAudio();
      soundButton.setAttribute('data-sound', 'on');
      fill(soundButton, [element('span', 'vi', 'Đã bật chuông báo'), element('span', 'en', 'Call sound is on')]);
      beep();
    });
  }
  document.addEventListener('touchend', unlockAudio, { once: true });

  function ring() {
    if (typeof navigator.vibrate === 'function') navigator.vibrate([400, 200, 400, 200, 400]);
    beep();
  }

  function render(state: TicketState) {
    page.setAttribute('data-ticket-status', state.status);
    const service = page.querySelector<HTMLElement>('[data-service]');
    if (service) fill(service, [element('p', 'service', state.service.vi), element('p', 'en', state.service.en)]);
    const region = page.querySelector<HTMLElement>('[data-state]');
    if (!region) return;
    if (state.ahead === null) region.removeAttribute('data-ahead');
    else region.setAttribute('data-ahead', String(state.ahead));
    const parts: HTMLElement[] = [];
    if (state.status === 'called' && state.counter !== null) {
      const call = element('div', 'call', '');
      const sentence = element('p', 'vi', 'Mời đến Quầy ');
      const counter = element('span', 'counter', String(state.counter));
      counter.setAttribute('data-counter', String(state.counter));
      sentence.appendChild(counter);
      call.appendChild(sentence);
      call.appendChild(element('p', 'en', `Please go to counter ${state.counter}`));
      parts.push(call);
    } else {
      state.lines.forEach((line) => parts.push(element('p', 'vi', line.vi), element('p', 'en', line.en)));
    }
    fill(region, parts);
  }

  let socket: WebSocket | null = null;
  let delay = 1000;
  let retry: number | undefined;
  let watchdog: number | undefined;
  let ended = FINAL.indexOf(page.getAttribute('data-ticket-status') || '') >= 0;

  function feedUrl() {
    return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/tickets/${encodeURIComponent(ticketId)}/live?label=${encodeURIComponent(label)}`;
  }
  // Heartbeats come every 15 s: silence for 40 s means a dead link the phone has not noticed (Wi-Fi gone).
  function armWatchdog() {
    window.clearTimeout(watchdog);
    watchdog = window.setTimeout(() => {
      if (socket) socket.close();
    }, 40000);
  }
  function schedule() {
    if (ended) return;
    window.clearTimeout(retry);
    setLive('reconnecting');
    // 1 s, 2 s, 4 s ... up to 30 s, with jitter so a hall of phones does not return at once.
    retry = window.setTimeout(connect, delay * (0.75 + Math.random() / 2));
    delay = Math.min(30000, delay * 2);
  }
  function connect() {
    window.clearTimeout(retry);
    if (ended || socket) return;
    const opened = new WebSocket(feedUrl());
    socket = opened;
    opened.onopen = () => {
      delay = 1000;
      setLive('connected');
      armWatchdog();
    };
    opened.onmessage = (event) => {
      armWatchdog();
      let message: TicketState | { type: string };
      try {
        message = JSON.parse(String(event.data)) as TicketState | { type: string };
      } catch {
        return;
      }
      if (message.type !== 'ticket') return;
      const state = message as TicketState;
      render(state);
      if (state.call && state.call !== rung) {
        rung = state.call;
        try {
          sessionStorage.setItem(rungKey, rung);
        } catch {
          // storage refused: only a reload could ring again
        }
        ring();
      }
      if (FINAL.indexOf(state.status) >= 0) ended = true;
    };
    opened.onclose = (event) => {
      window.clearTimeout(watchdog);
      if (socket === opened) socket = null;
      if (event.code === 1000 && event.reason === 'ticket ended') ended = true;
      if (ended) setLive('ended');
      else schedule();
    };
  }
  // Back on the Wi-Fi, or back to the page: try at once rather than after the delay.
  const now = () => {
    if (!ended && !socket) {
      delay = 1000;
      connect();
    }
  };
  window.addEventListener('online', now);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') now();
  });
  if (ended) setLive('ended');
  else {
    setLive('connecting');
    connect();
  }
}
