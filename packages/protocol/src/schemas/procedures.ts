import { type Static, Type } from '@sinclair/typebox';
import { PROCEDURE_CODE_MAX, PROCEDURE_CODE_PATTERN, PROCEDURE_COLUMNS, PROCEDURE_IMPORT_FORMATS, PROCEDURE_LEVELS, PROCEDURE_LIMITS } from '@qms/core';
import { Id, Nullable, literalUnion } from './common.js';

// ---- the procedures catalogue (thủ tục hành chính): the kiosk's and the citizens' pages' list

export const ProcedureLevelSchema = literalUnion(PROCEDURE_LEVELS, 'mot-phan: một phần (partly online); toan-trinh: toàn trình (entirely online)');
const Count = (description: string) => Nullable(Type.Integer({ minimum: 0, maximum: PROCEDURE_LIMITS.copiesMax }), description);
export const ProcedureDocumentSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: PROCEDURE_LIMITS.nameMax, description: 'the paper, e.g. Tờ khai đăng ký khai sinh' }),
    original: Count('originals (bản chính) to bring; null when the rule does not say'),
    copies: Count('copies (bản sao) to bring; null when the rule does not say'),
  },
  { additionalProperties: false },
);
const procedureFields = {
  code: Type.String({
    pattern: PROCEDURE_CODE_PATTERN,
    maxLength: PROCEDURE_CODE_MAX,
    description: 'the national procedure code: 1.001193, or a local variant such as 1.000948.H38, 2.000815.000.00.00.H55',
    example: '1.001193',
  }),
  name: Type.String({ minLength: 1, maxLength: PROCEDURE_LIMITS.nameMax, description: 'Vietnamese name' }),
  nameEn: Nullable(Type.String({ minLength: 1, maxLength: PROCEDURE_LIMITS.nameMax }), 'English name; null when there is none'),
  serviceId: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'the field (service) whose counters receive it' }),
  processingDays: Type.Integer({ minimum: 0, maximum: PROCEDURE_LIMITS.processingDaysMax, description: 'processing time in working days; 0 = the same day' }),
  fee: Type.String({ maxLength: PROCEDURE_LIMITS.textMax, description: 'fees and charges in words, e.g. "Miễn phí", "2.000 đồng/trang"' }),
  feeAmount: Nullable(Type.Integer({ minimum: 0, maximum: PROCEDURE_LIMITS.feeAmountMax }), 'the fee in VND when it is one amount; null when it is free or varies'),
  documents: Type.Array(ProcedureDocumentSchema, { maxItems: PROCEDURE_LIMITS.documentsMax, description: 'the papers to bring' }),
  applicants: Type.String({ maxLength: PROCEDURE_LIMITS.textMax, description: 'who may apply (đối tượng thực hiện)' }),
  level: ProcedureLevelSchema,
  portalUrl: Nullable(
    Type.String({ pattern: '^https?://[^\\s]+$', maxLength: PROCEDURE_LIMITS.urlMax }),
    "the procedure's page on the public-service portal, http or https, as given; null when none is known",
  ),
  active: Type.Boolean({ description: 'false: kept, but not listed' }),
};
export const ProcedureSchema = Type.Object({ id: Id, ...procedureFields }, { $id: 'Procedure' });
export type ProcedureDto = Static<typeof ProcedureSchema>;
export const ProcedureCreateSchema = Type.Object(
  {
    ...procedureFields,
    nameEn: Type.Optional(procedureFields.nameEn),
    fee: Type.Optional(procedureFields.fee),
    feeAmount: Type.Optional(procedureFields.feeAmount),
    documents: Type.Optional(procedureFields.documents),
    applicants: Type.Optional(procedureFields.applicants),
    portalUrl: Type.Optional(procedureFields.portalUrl),
    active: Type.Optional(procedureFields.active),
  },
  { additionalProperties: false, description: 'left out: nameEn null, fee "", feeAmount null, documents [], applicants "", portalUrl null, active true' },
);
export const ProcedurePatchSchema = Type.Partial(Type.Object(procedureFields), { additionalProperties: false, minProperties: 1 });
export const ProcedureQuery = Type.Object(
  {
    serviceId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: "only this field's procedures" })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'words that must all appear in the name or the code, with or without accents ("dang ky khai sinh" finds "Đăng ký khai sinh")' })),
    includeInactive: Type.Optional(Type.Boolean({ default: false, description: 'also the procedures switched off (active false), for the console' })),
  },
  { additionalProperties: false },
);
export const ProcedureImportBody = Type.Object(
  {
    format: literalUnion(PROCEDURE_IMPORT_FORMATS),
    content: Type.String({
      maxLength: 2 * 1024 * 1024,
      description: `the file's text. CSV: UTF-8, a header row with the columns ${PROCEDURE_COLUMNS.join(',')} (field = the service's code; documents = "name|originals|copies" items separated by ";"; feeAmount digits or empty; active true/false, empty = true). JSON: an array of objects with the same keys, documents as [{name, original, copies}]`,
    }),
    replace: Type.Optional(Type.Boolean({ default: false, description: 'true: the procedures whose code is not in the file are removed; false: the file adds and updates by code' })),
  },
  { additionalProperties: false },
);
export const ProcedureImportReply = Type.Object({
  procedures: Type.Integer({ minimum: 0, description: 'procedures in the file' }),
  added: Type.Integer({ minimum: 0 }),
  updated: Type.Integer({ minimum: 0 }),
  unchanged: Type.Integer({ minimum: 0 }),
  removed: Type.Integer({ minimum: 0, description: 'replace only' }),
});
export type ProcedureImportReplyDto = Static<typeof ProcedureImportReply>;
