import { PROCEDURE_LIMITS } from '@qms/core';
import type { ProcedureDto, ServiceDto } from '@qms/protocol';
import { type Bilingual, h } from '@qms/ui';
import { COMMON } from '../i18n.js';
import type { PageContext } from '../page.js';
import { clearNote, field, showRefusal } from './config-refusal.js';

export const LEVEL_TEXT: Record<ProcedureDto['level'], Bilingual> = {
  'mot-phan': { vi: 'Một phần', en: 'Partly online' },
  'toan-trinh': { vi: 'Toàn trình', en: 'Fully online' },
};

const T = {
  code: { vi: 'Mã thủ tục', en: 'Code' },
  name: { vi: 'Tên thủ tục', en: 'Name' },
  nameEn: { vi: 'Tên tiếng Anh', en: 'English name' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  days: { vi: 'Thời hạn giải quyết (ngày làm việc)', en: 'Processing time (working days)' },
  fee: { vi: 'Phí, lệ phí (bằng chữ)', en: 'Fees (in words)' },
  feeAmount: { vi: 'Số tiền (đồng, nếu là một mức)', en: 'Amount (VND, when one amount)' },
  documents: { vi: 'Thành phần hồ sơ: mỗi dòng "tên|bản chính|bản sao"', en: 'Documents: one per line, "name|originals|copies"' },
  applicants: { vi: 'Đối tượng thực hiện', en: 'Who may apply' },
  level: { vi: 'Mức độ', en: 'Level' },
  portalUrl: { vi: 'Địa chỉ trên Cổng dịch vụ công', en: 'Portal address' },
  active: { vi: 'Đang áp dụng', en: 'Active' },
  added: { vi: 'Đã thêm thủ tục {code}.', en: 'Procedure {code} added.' },
  changed: { vi: 'Đã lưu thủ tục {code}.', en: 'Procedure {code} saved.' },
} satisfies Record<string, Bilingual>;

const KNOWN: Record<string, Bilingual> = {
  'procedure.code_taken': { vi: 'Mã thủ tục này đã có trong danh mục.', en: 'This code is already in the catalogue.' },
  'procedure.invalid': { vi: 'Thủ tục không hợp lệ: {m}', en: 'Invalid procedure: {m}' },
};

function documentsText(documents: ProcedureDto['documents']): string {
  return documents.map((d) => [d.name, d.original ?? '', d.copies ?? ''].join('|')).join('\n');
}

function documentsOf(text: string): ProcedureDto['documents'] {
  const count = (value: string | undefined) => (value === undefined || value.trim() === '' ? null : Number(value.trim()));
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [name = '', original, copies] = line.split('|');
      return { name: name.trim(), original: count(original), copies: count(copies) };
    });
}

/**
 * The form to add a procedure (no `procedure`) or change one: every field of the catalogue, the
 * documents one per line as the import's "name|originals|copies". Sends only what changed when editing.
 */
export function procedureForm(ctx: PageContext, services: ServiceDto[], procedure: ProcedureDto | null, done: () => void): HTMLFormElement {
  const { t } = ctx;
  const input = (name: string, value: string, props: Record<string, string | number | boolean> = {}) => h('input', { name, value, autocomplete: 'off', ...props });
  const controls = {
    code: input('code', procedure?.code ?? '', { required: true, maxlength: 64, placeholder: '1.001193' }),
    name: input('name', procedure?.name ?? '', { required: true, maxlength: PROCEDURE_LIMITS.nameMax, class: 'wide' }),
    nameEn: input('nameEn', procedure?.nameEn ?? '', { maxlength: PROCEDURE_LIMITS.nameMax, class: 'wide' }),
    serviceId: h('select', { name: 'serviceId', required: true }, ...services.map((s) => h('option', { value: String(s.id), selected: s.id === procedure?.serviceId }, `${s.name} (${s.code})`))),
    processingDays: input('processingDays', String(procedure?.processingDays ?? 1), { type: 'number', min: 0, max: PROCEDURE_LIMITS.processingDaysMax, required: true, class: 'num' }),
    fee: input('fee', procedure?.fee ?? '', { maxlength: PROCEDURE_LIMITS.textMax, class: 'wide' }),
    feeAmount: input('feeAmount', procedure?.feeAmount === null || procedure?.feeAmount === undefined ? '' : String(procedure.feeAmount), {
      type: 'number',
      min: 0,
      max: PROCEDURE_LIMITS.feeAmountMax,
      class: 'num',
    }),
    applicants: input('applicants', procedure?.applicants ?? '', { maxlength: PROCEDURE_LIMITS.textMax, class: 'wide' }),
    level: h('select', { name: 'level' }, ...(['mot-phan', 'toan-trinh'] as const).map((value) => h('option', { value, selected: value === (procedure?.level ?? 'mot-phan') }, t(LEVEL_TEXT[value])))),
    portalUrl: input('portalUrl', procedure?.portalUrl ?? '', { type: 'url', maxlength: PROCEDURE_LIMITS.urlMax, class: 'wide', placeholder: 'https://dichvucong.gov.vn/…' }),
  };
  const documents = h('textarea', { name: 'documents', rows: 4, cols: 60 });
  documents.value = documentsText(procedure?.documents ?? []);
  const note = h('p', { class: 'form-note', role: 'alert', 'data-form-note': '' });
  const form = h(
    'form',
    { class: 'editor', 'data-procedure-form': procedure ? String(procedure.id) : 'new' },
    h(
      'div',
      { class: 'grid' },
      field(t(T.code), controls.code),
      field(t(T.name), controls.name),
      field(t(T.nameEn), controls.nameEn),
      field(t(T.field), controls.serviceId),
      field(t(T.days), controls.processingDays),
      field(t(T.level), controls.level),
      field(t(T.fee), controls.fee),
      field(t(T.feeAmount), controls.feeAmount),
      field(t(T.applicants), controls.applicants),
      field(t(T.portalUrl), controls.portalUrl),
    ),
    field(t(T.documents), documents),
    note,
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', class: 'primary', 'data-action': 'save-procedure' }, t(procedure ? COMMON.save : COMMON.add)),
      ' ',
      h('button', { type: 'button', 'data-action': 'cancel', onclick: () => done() }, t(COMMON.cancel)),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearNote(note);
    const values: Record<string, unknown> = {
      code: controls.code.value.trim(),
      name: controls.name.value.trim(),
      nameEn: controls.nameEn.value.trim() || null,
      serviceId: Number(controls.serviceId.value),
      processingDays: Number(controls.processingDays.value),
      fee: controls.fee.value.trim(),
      feeAmount: controls.feeAmount.value === '' ? null : Number(controls.feeAmount.value),
      documents: documentsOf(documents.value),
      applicants: controls.applicants.value.trim(),
      level: controls.level.value,
      portalUrl: controls.portalUrl.value.trim() || null,
    };
    let body = values;
    if (procedure) {
      body = Object.fromEntries(Object.entries(values).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(procedure[key as keyof ProcedureDto])));
      if (Object.keys(body).length === 0) return done();
    }
    const sent = procedure ? ctx.api.send<ProcedureDto>('PATCH', `/api/procedures/${procedure.id}`, body) : ctx.api.send<ProcedureDto>('POST', '/api/procedures', body);
    sent
      .then((saved) => {
        ctx.say(t(procedure ? T.changed : T.added).replace('{code}', saved.code));
        done();
      })
      .catch((error: unknown) => showRefusal(ctx, note, error, KNOWN));
  });
  return form;
}

export const ACTIVE_TEXT = T.active;
