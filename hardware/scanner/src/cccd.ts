/**
 * The QR code on the back of the Vietnamese chip citizen-ID card (căn cước công dân):
 *   ID (12 digits)|old ID (9 digits or empty)|full name|DDMMYYYY birth|Nam or Nữ|address|DDMMYYYY issue
 * Newer cards add fields at the end; some readers drop the last one. Both are tolerated.
 */

export interface CitizenId {
  idNumber: string;
  oldIdNumber: string | null;
  fullName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  sex: 'Nam' | 'Nữ';
  address: string;
  /** YYYY-MM-DD, or null when the reader dropped the last field. */
  issueDate: string | null;
}

export type CccdParse = { ok: true; citizen: CitizenId } | { ok: false; reason: string };

const FIELDS = 7;

/** Is this text meant to be a CCCD QR code (so a failure is "invalid", not "some other code")? */
export function looksLikeCccd(text: string): boolean {
  const fields = text.split('|');
  return fields.length >= FIELDS - 1 || (fields.length >= 3 && /^\s*\d+\s*$/.test(fields[0] ?? ''));
}

/** DDMMYYYY → YYYY-MM-DD, or null when it is not a real calendar date. */
export function parseCardDate(value: string): string | null {
  const match = /^(\d{2})(\d{2})(\d{4})$/.exec(value);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${match[3]}-${match[2]}-${match[1]}`;
}

function sexOf(value: string): 'Nam' | 'Nữ' | null {
  const normalized = value.normalize('NFC').trim().toLowerCase();
  if (normalized === 'nam') return 'Nam';
  if (normalized === 'nữ' || normalized === 'nu') return 'Nữ';
  return null;
}

/** Parses a scanned CCCD QR payload; a failure says which field is wrong, without repeating the ID number. */
export function parseCccd(payload: string): CccdParse {
  const text = payload.normalize('NFC').replace(/[\r\n]+$/, '');
  if (!looksLikeCccd(text)) return { ok: false, reason: 'not a CCCD code: expected fields separated by "|", starting with the 12-digit ID number' };
  const fields = text.split('|').map((field) => field.trim());
  if (fields.length < FIELDS - 1) {
    return { ok: false, reason: `not a CCCD code: ${fields.length} fields, at least ${FIELDS - 1} expected` };
  }
  const [idNumber = '', oldId = '', fullName = '', birth = '', sex = '', address = '', issue] = fields;
  if (!/^\d{12}$/.test(idNumber)) return { ok: false, reason: `ID number has ${idNumber.length} characters; a CCCD number is 12 digits` };
  if (oldId !== '' && !/^\d{9}$/.test(oldId)) return { ok: false, reason: `old ID number must be 9 digits or empty (it has ${oldId.length} characters)` };
  if (fullName === '') return { ok: false, reason: 'full name is empty' };
  const dateOfBirth = parseCardDate(birth);
  if (!dateOfBirth) return { ok: false, reason: `date of birth "${birth}" is not a real date (DDMMYYYY)` };
  const sexValue = sexOf(sex);
  if (!sexValue) return { ok: false, reason: `sex must be "Nam" or "Nữ", not "${sex}"` };
  if (address === '') return { ok: false, reason: 'address is empty' };
  let issueDate: string | null = null;
  if (issue !== undefined && issue !== '') {
    issueDate = parseCardDate(issue);
    if (!issueDate) return { ok: false, reason: `issue date "${issue}" is not a real date (DDMMYYYY)` };
    if (issueDate < dateOfBirth) return { ok: false, reason: 'issue date is before the date of birth' };
  }
  return {
    ok: true,
    citizen: { idNumber, oldIdNumber: oldId === '' ? null : oldId, fullName, dateOfBirth, sex: sexValue, address, issueDate },
  };
}

/** For logs and tickets: 001203012345 → 001******345. The full number is never logged. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 6) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 3)}${'*'.repeat(idNumber.length - 6)}${idNumber.slice(-3)}`;
}
