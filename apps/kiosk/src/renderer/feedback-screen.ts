import { h, otherLang } from '@qms/ui';
import { focusTracker, type ScreenKit, titleBar } from './citizen-screen-kit.js';
import { errorText, t } from './i18n.js';
import { onScreenKeyboard } from './keyboard.js';

/** What the feedback form remembers across a language change. */
export interface FeedbackState {
  text: string;
  phone: string;
  counterNumber: number | null;
  sent: boolean;
}

const TEXT_MAX = 2000;

/** Feedback: the message (on-screen keyboard), an optional phone and counter, sent to the hub; thanks or why not, in words. */
export function feedbackScreen(kit: ScreenKit, state: FeedbackState): HTMLElement {
  const { lang } = kit;
  const focus = focusTracker();
  const result = h('div', { class: 'feedback-result', 'data-feedback-result': '' });
  const thanks = () => {
    result.setAttribute('data-feedback-result', 'sent');
    result.className = 'feedback-result banner citizen';
    result.replaceChildren(h('strong', {}, t(lang, 'feedbackThanks')), h('span', { class: 'other-lang' }, t(otherLang(lang), 'feedbackThanks')));
  };
  const text = focus.track(
    h('textarea', {
      maxlength: TEXT_MAX,
      rows: 3,
      'data-feedback-text': '',
      oninput: () => {
        state.text = text.value;
        kit.touch();
      },
    }),
  );
  text.value = state.text;
  const phone = focus.track(
    h('input', {
      type: 'tel',
      maxlength: 15,
      value: state.phone,
      autocomplete: 'off',
      'data-feedback-phone': '',
      oninput: () => {
        state.phone = phone.value;
        kit.touch();
      },
    }),
  );
  const counters = kit.view()?.counterNumbers ?? [];
  const counterButton = (number: number | null) =>
    h(
      'button',
      {
        type: 'button',
        class: `tab${state.counterNumber === number ? ' chosen' : ''}`,
        'data-feedback-counter': number ?? 'none',
        onclick: (event: Event) => {
          state.counterNumber = number;
          kit.touch();
          for (const tab of counterRow.querySelectorAll('.tab')) tab.classList.toggle('chosen', tab === event.currentTarget);
        },
      },
      number === null ? t(lang, 'none') : String(number),
    );
  const counterRow = h('div', { class: 'tabs' }, counterButton(null), ...counters.map((number) => counterButton(number)));
  const send = h(
    'button',
    {
      class: 'done',
      type: 'button',
      'data-feedback-send': '',
      onclick: async () => {
        kit.touch();
        send.disabled = true;
        result.className = 'feedback-result';
        result.setAttribute('data-feedback-result', 'sending');
        result.textContent = t(lang, 'sending');
        try {
          await kit.bridge.call('sendFeedback', {
            text: state.text,
            ...(state.phone.trim() ? { phone: state.phone.trim() } : {}),
            ...(state.counterNumber !== null ? { counterNumber: state.counterNumber } : {}),
          });
          state.sent = true;
          form.hidden = true;
          thanks();
        } catch (error) {
          const code = (error as { code?: string }).code ?? 'station.internal';
          send.disabled = false;
          result.className = 'feedback-result banner warn';
          result.setAttribute('data-feedback-result', 'error');
          result.setAttribute('data-error', code);
          result.textContent = errorText(lang, code);
        }
      },
    },
    t(lang, 'feedbackSend'),
  );
  const form = h(
    'div',
    { class: 'feedback-form' },
    h('label', {}, h('span', {}, t(lang, 'feedbackText')), text),
    h('div', { class: 'feedback-extras' }, h('label', {}, h('span', {}, t(lang, 'feedbackPhone')), phone), h('div', {}, h('span', {}, t(lang, 'feedbackCounter')), counterRow)),
    send,
    onScreenKeyboard(lang, () => focus.current()),
  );
  if (state.sent) {
    form.hidden = true;
    thanks();
  }
  return h('section', { class: 'screen service feedback', 'data-screen': 'feedback' }, titleBar(kit, 'feedbackTitle'), result, form);
}
