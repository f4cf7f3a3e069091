/**
 * CSV as RFC 4180 writes it: fields separated by commas, records by CRLF (a bare LF is accepted
 * too), a field in double quotes may hold commas, line breaks and doubled quotes (""). A UTF-8
 * byte-order mark at the start is ignored; a last line break adds no empty record.
 */

export interface CsvRecord {
  /** The line of the file the record starts on, from 1 (a quoted line break makes a record span lines). */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';

  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** The records of a CSV text; throws a CsvSyntaxError at a stray or unclosed quote. */
export function parseCsv(text: string): CsvRecord[] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  /** The current field was quoted and its closing quote seen: only a separator may follow. */
  let closed = false;

  const endField = () => {
    fields.push(field);
    field = '';
    closed = false;
  };
  const endRecord = () => {
    endField();
    records.push({ line: recordLine, fields });
    fields = [];
    recordLine = line;
  };

  while (i < source.length) {
    const char = source[i] as string;
    if (char === '"' && field === '' && !closed) {
      // A quoted field: up to the next quote that is not doubled.
      const start = line;
      i += 1;
      for (;;) {
        if (i >= source.length) throw new CsvSyntaxError(start, 'a quoted field is not closed (a " is missing)');
        const inner = source[i] as string;
        if (inner === '"') {
          if (source[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (inner === '\n') line += 1;
        field += inner;
        i += 1;
      }
      closed = true;
      continue;
    }
    if (char === ',') {
      endField();
      i += 1;
    } else if (char === '\r' && source[i + 1] === '\n') {
      line += 1;
      endRecord();
      i += 2;
    } else if (char === '\n') {
      line += 1;
      endRecord();
      i += 1;
    } else if (closed) {
      throw new CsvSyntaxError(line, 'text after the closing quote of a field (a " inside a quoted field must be doubled: "")');
    } else if (char === '"') {
      throw new CsvSyntaxError(line, 'a " inside a field that does not start with one (quote the whole field and double the inner ": "")');
    } else {
      field += char;
      i += 1;
    }
  }
  // The last record, unless the text ended with its line break (or was empty).
  if (field !== '' || closed || fields.length > 0) endRecord();
  return records;
}

/** One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text (CRLF line ends, RFC 4180), with a UTF-8 byte-order mark so that Excel reads Vietnamese right. */
export function toCsv(rows: (string | number | null)[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
