import { DomainError } from './errors.js';
import type { Service } from './types.js';

/**
 * The catalogue of administrative procedures (thủ tục hành chính) a centre receives: what the
 * kiosk and the citizens' pages list, with the fee, the processing time, the papers to bring and
 * the link to the national public-service portal.
 */

/**
 * A procedure's national code: digit groups joined by dots (1.004227, 2.000815.000.00.00), then
 * optional groups of letters and digits for a province's variant (1.000948.H38, 2.000815.000.00.00.H55).
 */
export const PROCEDURE_CODE_PATTERN = '^[0-9]+(\\.[0-9]+)+(\\.[A-Za-z0-9]+)*$';
const CODE = new RegExp(PROCEDURE_CODE_PATTERN);
export const PROCEDURE_CODE_MAX = 64;

/** Một phần (part of it online, the result collected in person) or toàn trình (entirely online). */
export const PROCEDURE_LEVELS = ['mot-phan', 'toan-trinh'] as const;
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number];

/** The limits of a procedure's fields, shared by the wire schemas and the import. */
export const PROCEDURE_LIMITS = {
  nameMax: 300,
  textMax: 1000,
  urlMax: 500,
  processingDaysMax: 365,
  feeAmountMax: 1_000_000_000,
  documentsMax: 50,
  copiesMax: 99,
} as const;

/** A paper to bring: how many originals (bản chính) and copies (bản sao); null when the rule does not say. */
export interface ProcedureDocument {
  name: string;
  original: number | null;
  copies: number | null;
}

export interface ProcedureInput {
  code: string;
  name: string;
  nameEn: string | null;
  /** The field (service) whose counters receive it. */
  serviceId: number;
  /** Processing time in working days; 0 = the same day. */
  processingDays: number;
  /** The fees and charges in words ("Miễn phí", "2.000 đồng/trang ..."). */
  fee: string;
  /** The fee in VND when it is one amount; null when it is free or varies. */
  feeAmount: number | null;
  documents: ProcedureDocument[];
  /** Who may apply (đối tượng thực hiện). */
  applicants: string;
  level: ProcedureLevel;
  /** The procedure's page on the public-service portal, as given (http or https); null when none is known. */
  portalUrl: string | null;
  active: boolean;
}

export interface Procedure extends ProcedureInput {
  id: number;
}

/** What is wrong with one field of a procedure, in words a technician can act on. */
export interface ProcedureProblem {
  field: keyof ProcedureInput | `documents[${number}]`;
  reason: string;
}

export function isProcedureCode(value: string): boolean {
  return value.length <= PROCEDURE_CODE_MAX && CODE.test(value);
}

/**
 * The text as a search key: đ/Đ → d, accents and tone marks dropped (NFD, then the combining marks
 * removed), lower case, runs of white space as one space. "Đăng ký  Khai sinh" → "dang ky khai sinh".
 */
export function foldSearchText(text: string): string {
  return text.replace(/[đĐ]/g, 'd').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** What a procedure is found by: its folded name, then its code (lower case). Stored beside it. */
export function procedureSearchKey(procedure: Pick<ProcedureInput, 'name' | 'code'>): string {
  return `${foldSearchText(procedure.name)} ${foldSearchText(procedure.code)}`;
}

/** The words of a search, folded like the keys; empty when the search is blank. */
export function searchWords(query: string): string[] {
  const folded = foldSearchText(query);
  return folded === '' ? [] : [...new Set(folded.split(' '))];
}

/** True when every word of the search appears in the key (a procedure's name or code). */
export function matchesSearch(key: string, words: readonly string[]): boolean {
  return words.every((word) => key.includes(word));
}

const isCount = (value: unknown, max: number): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= max;

function checkText(problems: ProcedureProblem[], field: ProcedureProblem['field'], value: unknown, options: { required: boolean; max: number }): void {
  if (typeof value !== 'string') problems.push({ field, reason: 'must be text' });
  else if (options.required && value.trim() === '') problems.push({ field, reason: 'must not be empty' });
  else if (value.length > options.max) problems.push({ field, reason: `must be at most ${options.max} characters (it has ${value.length})` });
}

function isWebUrl(value: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false; // not a URL at all: the caller reports it
  }
}

/**
 * Everything wrong with a procedure on its own (the service and other procedures are checked by
 * validateProcedure); empty when it is good. Each problem names the field and says what it must be.
 */
export function procedureProblems(input: ProcedureInput): ProcedureProblem[] {
  const problems: ProcedureProblem[] = [];
  if (typeof input.code !== 'string' || !isProcedureCode(input.code)) {
    problems.push({
      field: 'code',
      reason: `"${String(input.code)}" is not a national procedure code: digit groups joined by dots (1.004227), optionally followed by letter or digit groups (1.000948.H38)`,
    });
  }
  checkText(problems, 'name', input.name, { required: true, max: PROCEDURE_LIMITS.nameMax });
  if (input.nameEn !== null) checkText(problems, 'nameEn', input.nameEn, { required: true, max: PROCEDURE_LIMITS.nameMax });
  if (!Number.isInteger(input.serviceId) || input.serviceId < 1) problems.push({ field: 'serviceId', reason: 'must be the id of a service' });
  if (!isCount(input.processingDays, PROCEDURE_LIMITS.processingDaysMax)) {
    problems.push({ field: 'processingDays', reason: `must be a whole number of working days from 0 (the same day) to ${PROCEDURE_LIMITS.processingDaysMax}` });
  }
  checkText(problems, 'fee', input.fee, { required: false, max: PROCEDURE_LIMITS.textMax });
  if (input.feeAmount !== null && !isCount(input.feeAmount, PROCEDURE_LIMITS.feeAmountMax)) {
    problems.push({ field: 'feeAmount', reason: `must be a whole number of đồng from 0 to ${PROCEDURE_LIMITS.feeAmountMax}, or empty when it is free or varies` });
  }
  if (!Array.isArray(input.documents)) problems.push({ field: 'documents', reason: 'must be a list' });
  else {
    if (input.documents.length > PROCEDURE_LIMITS.documentsMax) problems.push({ field: 'documents', reason: `must list at most ${PROCEDURE_LIMITS.documentsMax} papers` });
    input.documents.forEach((document, index) => {
      const field = `documents[${index}]` as const;
      checkText(problems, field, document.name, { required: true, max: PROCEDURE_LIMITS.nameMax });
      for (const count of ['original', 'copies'] as const) {
        const value = document[count];
        if (value !== null && !isCount(value, PROCEDURE_LIMITS.copiesMax)) problems.push({ field, reason: `${count} must be a whole number from 0 to ${PROCEDURE_LIMITS.copiesMax}, or empty` });
      }
    });
  }
  checkText(problems, 'applicants', input.applicants, { required: false, max: PROCEDURE_LIMITS.textMax });
  if (!(PROCEDURE_LEVELS as readonly string[]).includes(input.level)) problems.push({ field: 'level', reason: `must be one of: ${PROCEDURE_LEVELS.join(', ')}` });
  if (input.portalUrl !== null && (typeof input.portalUrl !== 'string' || input.portalUrl.length > PROCEDURE_LIMITS.urlMax || !isWebUrl(input.portalUrl))) {
    problems.push({ field: 'portalUrl', reason: `must be an http:// or https:// address of at most ${PROCEDURE_LIMITS.urlMax} characters, or empty` });
  }
  if (typeof input.active !== 'boolean') problems.push({ field: 'active', reason: 'must be true or false' });
  return problems;
}

/**
 * Checks a procedure against the services and the other procedures (ids other than its own);
 * throws a DomainError: procedure.invalid (every problem in details), service.not_found,
 * procedure.code_taken.
 */
export function validateProcedure(input: ProcedureInput, services: readonly Pick<Service, 'id'>[], otherCodes: ReadonlySet<string>): void {
  const problems = procedureProblems(input);
  if (problems.length > 0) {
    const first = problems[0] as ProcedureProblem;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    throw new DomainError('procedure.invalid', `procedure ${String(input.code)}: ${first.field} ${first.reason}${more}`, { problems });
  }
  if (!services.some((service) => service.id === input.serviceId)) {
    throw new DomainError('service.not_found', `procedure ${input.code}: there is no service with id ${input.serviceId} (see GET /api/services)`);
  }
  if (otherCodes.has(input.code)) throw new DomainError('procedure.code_taken', `another procedure already has code ${input.code}`);
}
