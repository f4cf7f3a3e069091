import { APPLICATION_STATUS_INFO, applicationCode, type ApplicationStatus, businessDay, canMove, DomainError, dueDate, foldSearchText, MAX_DAILY_SEQUENCE, type WorkCalendar } from '@qms/core';
import type { Db } from './database.js';

export const APPLICATION_CHANNELS = ['counter', 'online', 'post'] as const;
export type ApplicationChannel = (typeof APPLICATION_CHANNELS)[number];

export interface ApplicationDocument {
  name: string;
  original: number | null;
  copies: number | null;
}

export interface ApplicationRecord {
  id: number;
  code: string;
  businessDay: string;
  procedure: { id: number; code: string; name: string };
  processingDays: number;
  status: ApplicationStatus;
  channel: ApplicationChannel;
  applicant: { fullName: string; phone: string | null; address: string | null; idMasked: string | null };
  documents: ApplicationDocument[];
  receivedAt: string;
  /** The promised instant at receipt, before any pause. */
  dueAt: string;
  receivedBy: string;
}

export interface ApplicationHistoryRecord {
  fromStatus: ApplicationStatus | null;
  status: ApplicationStatus;
  at: string;
  by: string;
  note: string | null;
}

/** What the counter hands over, the secret and the ID number already digested (the store never sees them in clear). */
export interface NewApplication {
  procedureId: number;
  applicant: { fullName: string; phone: string | null; address: string | null; idMasked: string | null; idDigest: string | null };
  documents: ApplicationDocument[];
  channel: ApplicationChannel;
  receivedAt: string;
  secretDigest: string;
  receivedBy: string;
  /** received (2) at a counter, the default; registered (1): an online registration the centre has not received yet (the demo's only, for now). */
  initialStatus?: 'received' | 'registered';
}

/** The centre's rules for a receipt: its code's prefix, its working days, its time zone. */
export interface ReceiptRules {
  centreCode: string;
  calendar: WorkCalendar;
  timeZone: string;
}

export interface ApplicationFilter {
  status?: ApplicationStatus;
  /** Business days of receipt, YYYY-MM-DD, both included. */
  fromDay?: string;
  toDay?: string;
  /** Folded words that must all appear in the code, the applicant's name or the procedure's name. */
  words?: readonly string[];
  /** Only ids below this one (the previous page's last). */
  before?: number;
  limit: number;
}

interface ApplicationRow {
  id: number;
  code: string;
  business_day: string;
  sequence: number;
  procedure_id: number;
  procedure_code: string;
  procedure_name: string;
  processing_days: number;
  status: string;
  channel: string;
  applicant_name: string;
  applicant_phone: string | null;
  applicant_address: string | null;
  id_masked: string | null;
  documents: string;
  received_at: string;
  due_at: string;
  received_by: string;
}

interface HistoryRow {
  application_id: number;
  from_status: string | null;
  status: string;
  at: string;
  by_name: string;
  note: string | null;
}

// Every column but the digests: they never leave the store except for the lookup's comparison.
const COLUMNS = `id, code, business_day, sequence, procedure_id, procedure_code, procedure_name, processing_days, status, channel, applicant_name,
  applicant_phone, applicant_address, id_masked, documents, received_at, due_at, received_by`;

function toRecord(row: ApplicationRow): ApplicationRecord {
  return {
    id: row.id,
    code: row.code,
    businessDay: row.business_day,
    procedure: { id: row.procedure_id, code: row.procedure_code, name: row.procedure_name },
    processingDays: row.processing_days,
    status: row.status as ApplicationStatus,
    channel: row.channel as ApplicationChannel,
    applicant: { fullName: row.applicant_name, phone: row.applicant_phone, address: row.applicant_address, idMasked: row.id_masked },
    documents: JSON.parse(row.documents) as ApplicationDocument[],
    receivedAt: row.received_at,
    dueAt: row.due_at,
    receivedBy: row.received_by,
  };
}

function toHistory(row: HistoryRow): ApplicationHistoryRecord {
  return { fromStatus: row.from_status as ApplicationStatus | null, status: row.status as ApplicationStatus, at: row.at, by: row.by_name, note: row.note };
}

/** "Đang xử lý (4, Being processed)": a status in words, for messages. */
export function describeApplicationStatus(status: ApplicationStatus): string {
  const info = APPLICATION_STATUS_INFO[status];
  return `${info.vi} (${info.code}, ${info.en})`;
}

/**
 * Applications on SQLite. Writes run in the caller's transaction when there is one (the queue
 * worker's change, with its audit entry), else in their own.
 */
export class SqliteApplicationStore {
  private readonly sql;
  private readonly inTransaction;

  constructor(db: Db) {
    this.sql = {
      procedure: db.prepare<[number], { id: number; code: string; name: string; processing_days: number }>('SELECT id, code, name, processing_days FROM procedures WHERE id = ?'),
      lastSequence: db.prepare<[string], number>('SELECT coalesce(max(sequence), 0) FROM applications WHERE business_day = ?').pluck(),
      insert: db.prepare(
        `INSERT INTO applications (code, business_day, sequence, procedure_id, procedure_code, procedure_name, processing_days, status, channel, applicant_name,
           applicant_phone, applicant_address, id_masked, id_digest, documents, secret_digest, received_at, due_at, received_by, search)
         VALUES (@code, @businessDay, @sequence, @procedureId, @procedureCode, @procedureName, @processingDays, @status, @channel, @name,
           @phone, @address, @idMasked, @idDigest, @documents, @secretDigest, @receivedAt, @dueAt, @receivedBy, @search)`,
      ),
      get: db.prepare<[number], ApplicationRow>(`SELECT ${COLUMNS} FROM applications WHERE id = ?`),
      byCode: db.prepare<[string], ApplicationRow & { secret_digest: string }>(`SELECT ${COLUMNS}, secret_digest FROM applications WHERE code = ?`),
      byIdDigest: db.prepare<[string], ApplicationRow>(`SELECT ${COLUMNS} FROM applications WHERE id_digest = ? ORDER BY id DESC`),
      setStatus: db.prepare<[string, number]>('UPDATE applications SET status = ? WHERE id = ?'),
      addHistory: db.prepare<{ applicationId: number; fromStatus: string | null; status: string; at: string; by: string; note: string | null }>(
        'INSERT INTO application_history (application_id, from_status, status, at, by_name, note) VALUES (@applicationId, @fromStatus, @status, @at, @by, @note)',
      ),
      history: db.prepare<[number], HistoryRow>('SELECT * FROM application_history WHERE application_id = ? ORDER BY id'),
      list: db.prepare<{ status: string | null; fromDay: string | null; toDay: string | null; words: string; before: number | null; limit: number }, ApplicationRow>(
        `SELECT ${COLUMNS} FROM applications a
         WHERE (:status IS NULL OR a.status = :status)
           AND (:fromDay IS NULL OR a.business_day >= :fromDay)
           AND (:toDay IS NULL OR a.business_day <= :toDay)
           AND (:before IS NULL OR a.id < :before)
           AND NOT EXISTS (SELECT 1 FROM json_each(:words) AS w WHERE instr(a.search, w.value) = 0)
         ORDER BY a.id DESC LIMIT :limit`,
      ),
      receivedBetween: db.prepare<[string, string], ApplicationRow>(`SELECT ${COLUMNS} FROM applications WHERE business_day BETWEEN ? AND ? ORDER BY id`),
      historyBetween: db.prepare<[string, string], HistoryRow>(
        `SELECT h.* FROM application_history h JOIN applications a ON a.id = h.application_id WHERE a.business_day BETWEEN ? AND ? ORDER BY h.id`,
      ),
    };
    this.inTransaction = db.transaction(<T>(fn: () => T): T => fn());
  }

  /**
   * Receives an application (status 2, received): the day's next sequence and the code, the due
   * instant from the procedure's processing days, and the first line of its history, all in one
   * transaction. procedure.not_found when the procedure does not exist.
   */
  receive(input: NewApplication, rules: ReceiptRules): ApplicationRecord {
    return this.write(() => {
      const procedure = this.sql.procedure.get(input.procedureId);
      if (!procedure) throw new DomainError('procedure.not_found', `no procedure with id ${input.procedureId}`);
      const receivedAt = new Date(input.receivedAt);
      const day = businessDay(receivedAt, rules.timeZone);
      const sequence = (this.sql.lastSequence.get(day) ?? 0) + 1;
      if (sequence > MAX_DAILY_SEQUENCE) throw new DomainError('config.invalid', `${MAX_DAILY_SEQUENCE} applications were already received on ${day}: the day's codes are used up`);
      const code = applicationCode(day, sequence, rules.centreCode);
      const { lastInsertRowid } = this.sql.insert.run({
        code,
        businessDay: day,
        sequence,
        procedureId: procedure.id,
        procedureCode: procedure.code,
        procedureName: procedure.name,
        processingDays: procedure.processing_days,
        status: input.initialStatus ?? 'received',
        channel: input.channel,
        name: input.applicant.fullName,
        phone: input.applicant.phone,
        address: input.applicant.address,
        idMasked: input.applicant.idMasked,
        idDigest: input.applicant.idDigest,
        documents: JSON.stringify(input.documents.map(({ name, original, copies }) => ({ name, original, copies }))),
        secretDigest: input.secretDigest,
        receivedAt: receivedAt.toISOString(),
        dueAt: dueDate(receivedAt, procedure.processing_days, rules.calendar, rules.timeZone).toISOString(),
        receivedBy: input.receivedBy,
        search: foldSearchText(`${code} ${input.applicant.fullName} ${procedure.name} ${procedure.code}`),
      });
      const id = Number(lastInsertRowid);
      this.sql.addHistory.run({ applicationId: id, fromStatus: null, status: input.initialStatus ?? 'received', at: receivedAt.toISOString(), by: input.receivedBy, note: null });
      return this.get(id) as ApplicationRecord;
    });
  }

  /**
   * Moves an application to `to` (canMove decides), recording who, when and why in its history.
   * application.not_found, application.wrong_transition (the message names both statuses in words).
   */
  changeStatus(id: number, to: ApplicationStatus, change: { at: string; by: string; note: string | null }): { before: ApplicationStatus; application: ApplicationRecord } {
    return this.write(() => {
      const current = this.get(id);
      if (!current) throw new DomainError('application.not_found', `no application with id ${id}`);
      if (!canMove(current.status, to)) {
        throw new DomainError('application.wrong_transition', `application ${current.code} cannot go from ${describeApplicationStatus(current.status)} to ${describeApplicationStatus(to)}`, {
          from: APPLICATION_STATUS_INFO[current.status].code,
          to: APPLICATION_STATUS_INFO[to].code,
        });
      }
      const last = this.history(id).at(-1);
      // The history must stay in time order (the timing rules read it so): a change is never dated before the last one.
      if (last && change.at < last.at) throw new RangeError(`a status change at ${change.at} would come before the last one (${last.at})`);
      this.sql.setStatus.run(to, id);
      this.sql.addHistory.run({ applicationId: id, fromStatus: current.status, status: to, at: change.at, by: change.by, note: change.note });
      return { before: current.status, application: this.get(id) as ApplicationRecord };
    });
  }

  get(id: number): ApplicationRecord | undefined {
    const row = this.sql.get.get(id);
    return row && toRecord(row);
  }

  /** The application of a code, with the digest of its lookup secret (for the lookup's comparison only). */
  findByCode(code: string): { application: ApplicationRecord; secretDigest: string } | undefined {
    const row = this.sql.byCode.get(code);
    return row && { application: toRecord(row), secretDigest: row.secret_digest };
  }

  /** A citizen's applications, by the keyed digest of their ID number, newest first. */
  findByIdDigest(idDigest: string): ApplicationRecord[] {
    return this.sql.byIdDigest.all(idDigest).map(toRecord);
  }

  history(id: number): ApplicationHistoryRecord[] {
    return this.sql.history.all(id).map(toHistory);
  }

  /** Newest first (by id), at most `limit`. */
  list(filter: ApplicationFilter): ApplicationRecord[] {
    return this.sql.list
      .all({
        status: filter.status ?? null,
        fromDay: filter.fromDay ?? null,
        toDay: filter.toDay ?? null,
        words: JSON.stringify(filter.words ?? []),
        before: filter.before ?? null,
        limit: filter.limit,
      })
      .map(toRecord);
  }

  /** The applications received on the business days fromDay..toDay (both included), each with its history. */
  receivedBetween(fromDay: string, toDay: string): { application: ApplicationRecord; history: ApplicationHistoryRecord[] }[] {
    const histories = new Map<number, ApplicationHistoryRecord[]>();
    for (const row of this.sql.historyBetween.all(fromDay, toDay)) {
      const list = histories.get(row.application_id) ?? [];
      list.push(toHistory(row));
      histories.set(row.application_id, list);
    }
    return this.sql.receivedBetween.all(fromDay, toDay).map((row) => ({ application: toRecord(row), history: histories.get(row.id) ?? [] }));
  }

  private write<T>(fn: () => T): T {
    // Inside the caller's transaction this is a savepoint; alone, a transaction of its own.
    return this.inTransaction.immediate(fn) as T;
  }
}
