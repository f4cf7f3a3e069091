import { CsvSyntaxError, parseCsv } from './csv.js';
import { type ProcedureDocument, type ProcedureInput, type ProcedureLevel, procedureProblems } from './procedures.js';
import type { Service } from './types.js';

/**
 * A catalogue file, CSV or JSON, read into procedures, all or nothing: every problem of every row
 * is found (row, column, reason) so a technician fixes the file in one pass.
 *
 * CSV: UTF-8 (a byte-order mark is fine), RFC 4180 quoting, a header row naming exactly these
 * columns (any order), one procedure a row:
 *   code            national code: 1.001193, 1.000948.H38, 2.000815.000.00.00.H55
 *   name            Vietnamese name
 *   nameEn          English name, or empty
 *   field           the code of the service (field) that receives it, e.g. ho-tich
 *   processingDays  working days, 0 = the same day
 *   fee             the fees and charges in words, or empty
 *   feeAmount       the fee in VND, digits only (2000), or empty when it is free or varies
 *   documents       the papers to bring: items "name|originals|copies" separated by ";", the
 *                   counts may be empty ("Tờ khai|1|;CCCD||1"); a name holds neither "|" nor ";"
 *   applicants      who may apply, or empty
 *   level           mot-phan or toan-trinh
 *   portalUrl       the procedure's page on the portal (http/https), or empty
 *   active          true/false (1/0); empty = true
 * JSON: an array of objects with the same keys; documents as [{name, original, copies}],
 * processingDays and feeAmount as numbers, active as a boolean; the optional ones may be left out.
 */
export const PROCEDURE_COLUMNS = ['code', 'name', 'nameEn', 'field', 'processingDays', 'fee', 'feeAmount', 'documents', 'applicants', 'level', 'portalUrl', 'active'] as const;
export type ProcedureColumn = (typeof PROCEDURE_COLUMNS)[number];
const REQUIRED_JSON_KEYS: readonly ProcedureColumn[] = ['code', 'name', 'field', 'processingDays', 'level'];

export const PROCEDURE_IMPORT_FORMATS = ['csv', 'json'] as const;
export type ProcedureImportFormat = (typeof PROCEDURE_IMPORT_FORMATS)[number];
/** More procedures than a province's whole catalogue: a file past it is a mistake. */
export const PROCEDURE_IMPORT_MAX_ROWS = 5000;

/** A procedure of an import file as JSON carries it (and as the CSV columns spell it). */
export interface ProcedureImportItem {
  code: string;
  name: string;
  nameEn?: string | null;
  field: string;
  processingDays: number;
  fee?: string;
  feeAmount?: number | null;
  documents?: ProcedureDocument[];
  applicants?: string;
  level: ProcedureLevel;
  portalUrl?: string | null;
  active?: boolean;
}

/**
 * One problem of a file. `row`: CSV as a spreadsheet counts it (the header is row 1, the first
 * procedure row 2), JSON the item's place in the array from 1; null for the file as a whole.
 * `column`: the column (JSON: the key), or null.
 */
export interface ImportProblem {
  row: number | null;
  column: string | null;
  reason: string;
}

export interface ImportReading {
  /** Good only when problems is empty. */
  procedures: ProcedureInput[];
  problems: ImportProblem[];
}

/** "row 3, feeAmount: must be ..." — a problem on one line, as the qms command prints it. */
export function describeImportProblem(problem: ImportProblem): string {
  const where = [problem.row === null ? 'file' : `row ${problem.row}`, problem.column].filter(Boolean).join(', ');
  return `${where}: ${problem.reason}`;
}

type ServiceRef = Pick<Service, 'id' | 'code'>;

export function readProcedureFile(format: ProcedureImportFormat, content: string, services: readonly ServiceRef[]): ImportReading {
  return format === 'csv' ? readProcedureCsv(content, services) : readProcedureJson(content, services);
}

/** A row's raw values, with the problems found reading them into a procedure. */
class RowReader {
  readonly problems: ImportProblem[] = [];

  constructor(
    readonly row: number,
    private readonly services: readonly ServiceRef[],
  ) {}

  problem(column: string, reason: string): void {
    this.problems.push({ row: this.row, column, reason });
  }

  service(code: unknown): number {
    if (typeof code !== 'string' || code.trim() === '') {
      this.problem('field', 'must be the code of a service, e.g. ho-tich');
      return 0;
    }
    const service = this.services.find((candidate) => candidate.code === code.trim());
    if (!service) this.problem('field', `no service has code "${code}" (the services: ${this.services.map((s) => s.code).join(', ') || 'none yet'})`);
    return service?.id ?? 0;
  }

  /** The problems of the procedure itself, each under its column; columns already reported are not reported twice. */
  check(input: ProcedureInput): void {
    const reported = new Set(this.problems.map((problem) => problem.column));
    for (const { field, reason } of procedureProblems(input)) {
      const column = field === 'serviceId' ? 'field' : field.startsWith('documents[') ? 'documents' : field;
      if (reported.has(column)) continue;
      const item = /^documents\[(\d+)\]$/.exec(field);
      this.problem(column, item ? `item ${Number(item[1]) + 1}: ${reason}` : reason);
    }
  }
}

const WHOLE = /^[0-9]+$/;

function csvCount(reader: RowReader, column: string, text: string, what: string): number | null {
  const value = text.trim();
  if (value === '') return null;
  if (!WHOLE.test(value)) {
    reader.problem(column, `${what} "${text}" must be digits only (e.g. 2000), or empty`);
    return null;
  }
  return Number(value);
}

function csvDocuments(reader: RowReader, text: string): ProcedureDocument[] {
  const documents: ProcedureDocument[] = [];
  const items = text
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  items.forEach((item, index) => {
    const parts = item.split('|');
    if (parts.length > 3) {
      reader.problem('documents', `item ${index + 1} "${item}" has more than name|originals|copies`);
      return;
    }
    const [name = '', original = '', copies = ''] = parts;
    documents.push({
      name: name.trim(),
      original: csvCount(reader, 'documents', original, `item ${index + 1}: the originals`),
      copies: csvCount(reader, 'documents', copies, `item ${index + 1}: the copies`),
    });
  });
  return documents;
}

function csvActive(reader: RowReader, text: string): boolean {
  const value = text.trim().toLowerCase();
  if (value === '' || value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  reader.problem('active', `"${text}" must be true or false (or 1 or 0; empty means true)`);
  return true;
}

export function readProcedureCsv(content: string, services: readonly ServiceRef[]): ImportReading {
  let records;
  try {
    records = parseCsv(content);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { procedures: [], problems: [{ row: null, column: null, reason: `not valid CSV: ${error.message}` }] };
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) return { procedures: [], problems: [{ row: null, column: null, reason: `the file is empty; it needs a header row: ${PROCEDURE_COLUMNS.join(',')}` }] };
  const names = header.fields.map((name) => name.trim());
  const problems: ImportProblem[] = [];
  for (const name of names) {
    if (!(PROCEDURE_COLUMNS as readonly string[]).includes(name)) problems.push({ row: 1, column: name, reason: `unknown column (the columns: ${PROCEDURE_COLUMNS.join(',')})` });
  }
  for (const column of PROCEDURE_COLUMNS) {
    const count = names.filter((name) => name === column).length;
    if (count === 0) problems.push({ row: 1, column, reason: 'the header has no such column' });
    if (count > 1) problems.push({ row: 1, column, reason: 'the header names this column twice' });
  }
  if (problems.length > 0) return { procedures: [], problems };
  if (rows.length > PROCEDURE_IMPORT_MAX_ROWS)
    return { procedures: [], problems: [{ row: null, column: null, reason: `${rows.length} rows: at most ${PROCEDURE_IMPORT_MAX_ROWS} procedures a file` }] };

  const items = rows
    .map((record, index) => ({ record, row: index + 2 }))
    // A blank line (a spreadsheet's trailing empty rows) is no procedure.
    .filter(({ record }) => !(record.fields.length === 1 && record.fields[0]?.trim() === '') && !record.fields.every((field) => field.trim() === ''))
    .map(({ record, row }) => {
      const reader = new RowReader(row, services);
      if (record.fields.length !== names.length) {
        reader.problems.push({ row, column: null, reason: `has ${record.fields.length} fields, the header ${names.length} (a comma inside a field needs the field in double quotes)` });
        return { reader, input: undefined };
      }
      const cell = (column: ProcedureColumn) => record.fields[names.indexOf(column)] ?? '';
      const processingDays = cell('processingDays').trim();
      if (!WHOLE.test(processingDays)) reader.problem('processingDays', `"${cell('processingDays')}" must be a whole number of working days (0 = the same day)`);
      const input: ProcedureInput = {
        code: cell('code').trim(),
        name: cell('name').trim(),
        nameEn: cell('nameEn').trim() === '' ? null : cell('nameEn').trim(),
        serviceId: reader.service(cell('field')),
        processingDays: WHOLE.test(processingDays) ? Number(processingDays) : 0,
        fee: cell('fee').trim(),
        feeAmount: csvCount(reader, 'feeAmount', cell('feeAmount'), 'the fee amount'),
        documents: csvDocuments(reader, cell('documents')),
        applicants: cell('applicants').trim(),
        level: cell('level').trim() as ProcedureLevel,
        portalUrl: cell('portalUrl').trim() === '' ? null : cell('portalUrl').trim(),
        active: csvActive(reader, cell('active')),
      };
      reader.check(input);
      return { reader, input };
    });
  return collect(items);
}

export function readProcedureJson(content: string, services: readonly ServiceRef[]): ImportReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.startsWith('\uFEFF') ? content.slice(1) : content);
  } catch (error) {
    return { procedures: [], problems: [{ row: null, column: null, reason: `not valid JSON: ${(error as Error).message}` }] };
  }
  if (!Array.isArray(parsed)) return { procedures: [], problems: [{ row: null, column: null, reason: 'must be a JSON array of procedures ([{"code": ...}, ...])' }] };
  if (parsed.length > PROCEDURE_IMPORT_MAX_ROWS)
    return { procedures: [], problems: [{ row: null, column: null, reason: `${parsed.length} items: at most ${PROCEDURE_IMPORT_MAX_ROWS} procedures a file` }] };
  const items = parsed.map((item: unknown, index) => {
    const reader = new RowReader(index + 1, services);
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      reader.problems.push({ row: index + 1, column: null, reason: 'must be an object {"code": ..., "name": ...}' });
      return { reader, input: undefined };
    }
    const object = item as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      if (!(PROCEDURE_COLUMNS as readonly string[]).includes(key)) reader.problem(key, `unknown key (the keys: ${PROCEDURE_COLUMNS.join(', ')})`);
    }
    for (const key of REQUIRED_JSON_KEYS) if (object[key] === undefined) reader.problem(key, 'is missing');
    const documents = object.documents ?? [];
    const jsonDocuments = Array.isArray(documents)
      ? documents.map((document: unknown, at) => {
          if (typeof document !== 'object' || document === null) {
            reader.problem('documents', `item ${at + 1} must be an object {"name", "original", "copies"}`);
            return { name: '', original: null, copies: null };
          }
          const { name, original = null, copies = null, ...rest } = document as Record<string, unknown>;
          for (const key of Object.keys(rest)) reader.problem('documents', `item ${at + 1} has an unknown key "${key}" (the keys: name, original, copies)`);
          return { name, original, copies } as ProcedureDocument;
        })
      : (documents as ProcedureDocument[]);
    const input = {
      code: object.code,
      name: object.name,
      nameEn: object.nameEn ?? null,
      serviceId: object.field === undefined ? 0 : reader.service(object.field),
      processingDays: object.processingDays,
      fee: object.fee ?? '',
      feeAmount: object.feeAmount ?? null,
      documents: jsonDocuments,
      applicants: object.applicants ?? '',
      level: object.level,
      portalUrl: object.portalUrl ?? null,
      active: object.active ?? true,
    } as ProcedureInput;
    reader.check(input);
    return { reader, input };
  });
  return collect(items);
}

/** The procedures when every row is good; a code on two rows is a problem of the later one. */
function collect(items: { reader: RowReader; input: ProcedureInput | undefined }[]): ImportReading {
  const firstRowOf = new Map<string, number>();
  for (const { reader, input } of items) {
    if (!input || typeof input.code !== 'string' || input.code === '') continue;
    const first = firstRowOf.get(input.code);
    if (first === undefined) firstRowOf.set(input.code, reader.row);
    else reader.problem('code', `${input.code} is already on row ${first}`);
  }
  const problems = items.flatMap(({ reader }) => reader.problems);
  if (items.length === 0) problems.push({ row: null, column: null, reason: 'the file has no procedure' });
  return problems.length > 0 ? { procedures: [], problems } : { procedures: items.map(({ input }) => input as ProcedureInput), problems: [] };
}
