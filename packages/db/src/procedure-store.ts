import { DomainError, type Procedure, type ProcedureDocument, type ProcedureInput, type ProcedureLevel, procedureSearchKey, validateProcedure } from '@qms/core';
import type { Db } from './database.js';

interface ProcedureRow {
  id: number;
  code: string;
  name: string;
  name_en: string | null;
  service_id: number;
  processing_days: number;
  fee: string;
  fee_amount: number | null;
  documents: string;
  applicants: string;
  level: string;
  portal_url: string | null;
  active: number;
}

function toProcedure(row: ProcedureRow): Procedure {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    serviceId: row.service_id,
    processingDays: row.processing_days,
    fee: row.fee,
    feeAmount: row.fee_amount,
    documents: JSON.parse(row.documents) as ProcedureDocument[],
    applicants: row.applicants,
    level: row.level as ProcedureLevel,
    portalUrl: row.portal_url,
    active: row.active === 1,
  };
}

function params(input: ProcedureInput) {
  return {
    code: input.code,
    name: input.name,
    nameEn: input.nameEn,
    serviceId: input.serviceId,
    processingDays: input.processingDays,
    fee: input.fee,
    feeAmount: input.feeAmount,
    // Only the three known keys, in a fixed order: what is stored is what is answered.
    documents: JSON.stringify(input.documents.map(({ name, original, copies }) => ({ name, original, copies }))),
    applicants: input.applicants,
    level: input.level,
    portalUrl: input.portalUrl,
    active: input.active ? 1 : 0,
    search: procedureSearchKey(input),
  };
}

const sameProcedure = (a: ProcedureInput, b: ProcedureInput) => JSON.stringify(params(a)) === JSON.stringify(params(b));

export interface ProcedureFilter {
  serviceId?: number;
  /** Folded search words (see searchWords): each must appear in the folded name or code. */
  words?: readonly string[];
  /** Also the procedures switched off (active false). */
  includeInactive?: boolean;
}

/** What an import changed: new codes, codes whose procedure changed, codes as they were, procedures removed (replace only). */
export interface ProcedureImportCounts {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/**
 * The procedures catalogue on SQLite. Writes are validated by the domain's rules and run in the
 * caller's transaction when there is one (the queue worker's change), else in their own.
 */
export class SqliteProcedureStore {
  private readonly sql;
  private readonly inTransaction;

  constructor(private readonly db: Db) {
    this.sql = {
      list: db.prepare<{ all: number; serviceId: number | null; words: string }, ProcedureRow>(
        `SELECT p.* FROM procedures p JOIN services s ON s.id = p.service_id
         WHERE (:all = 1 OR p.active = 1)
           AND (:serviceId IS NULL OR p.service_id = :serviceId)
           AND NOT EXISTS (SELECT 1 FROM json_each(:words) AS w WHERE instr(p.search, w.value) = 0)
         ORDER BY s.position, s.id, p.search, p.id`,
      ),
      get: db.prepare<[number], ProcedureRow>('SELECT * FROM procedures WHERE id = ?'),
      byCode: db.prepare<[string], ProcedureRow>('SELECT * FROM procedures WHERE code = ?'),
      all: db.prepare<[], ProcedureRow>('SELECT * FROM procedures'),
      services: db.prepare<[], { id: number }>('SELECT id FROM services'),
      codes: db.prepare<[number], string>('SELECT code FROM procedures WHERE id <> ?').pluck(),
      insert: db.prepare(
        `INSERT INTO procedures (code, name, name_en, service_id, processing_days, fee, fee_amount, documents, applicants, level, portal_url, active, search)
         VALUES (@code, @name, @nameEn, @serviceId, @processingDays, @fee, @feeAmount, @documents, @applicants, @level, @portalUrl, @active, @search)`,
      ),
      update: db.prepare(
        `UPDATE procedures SET code = @code, name = @name, name_en = @nameEn, service_id = @serviceId, processing_days = @processingDays, fee = @fee,
           fee_amount = @feeAmount, documents = @documents, applicants = @applicants, level = @level, portal_url = @portalUrl, active = @active, search = @search
         WHERE id = @id`,
      ),
      remove: db.prepare<[number]>('DELETE FROM procedures WHERE id = ?'),
    };
    this.inTransaction = db.transaction(<T>(fn: () => T): T => fn());
  }

  /** The procedures that pass the filter, by service (as the services are ordered), then by name without accents. */
  list(filter: ProcedureFilter = {}): Procedure[] {
    return this.sql.list.all({ all: filter.includeInactive ? 1 : 0, serviceId: filter.serviceId ?? null, words: JSON.stringify(filter.words ?? []) }).map(toProcedure);
  }

  get(id: number): Procedure | undefined {
    const row = this.sql.get.get(id);
    return row && toProcedure(row);
  }

  getByCode(code: string): Procedure | undefined {
    const row = this.sql.byCode.get(code);
    return row && toProcedure(row);
  }

  create(input: ProcedureInput): Procedure {
    return this.write(() => {
      this.validate(input, 0);
      const { lastInsertRowid } = this.sql.insert.run(params(input));
      return this.get(Number(lastInsertRowid)) as Procedure;
    });
  }

  /** The procedure with the changes applied, or undefined when there is no procedure `id`. */
  update(id: number, changes: Partial<ProcedureInput>): Procedure | undefined {
    return this.write(() => {
      const current = this.get(id);
      if (!current) return undefined;
      const { id: _id, ...fields } = current;
      const next: ProcedureInput = { ...fields, ...changes };
      this.validate(next, id);
      this.sql.update.run({ ...params(next), id });
      return this.get(id);
    });
  }

  /**
   * Adds or updates each procedure by its code (an existing one keeps its id); with `replace`, the
   * procedures whose code is not among them are removed. All in one transaction: one bad procedure
   * (a DomainError) and nothing changes.
   */
  importAll(inputs: readonly ProcedureInput[], options: { replace: boolean }): ProcedureImportCounts {
    return this.write(() => {
      const counts: ProcedureImportCounts = { added: 0, updated: 0, unchanged: 0, removed: 0 };
      const codes = new Set(inputs.map((input) => input.code));
      if (codes.size !== inputs.length) throw new DomainError('procedure.invalid', 'an import lists a procedure code twice');
      if (options.replace) {
        for (const row of this.sql.all.all()) {
          if (codes.has(row.code)) continue;
          this.sql.remove.run(row.id);
          counts.removed += 1;
        }
      }
      const services = this.sql.services.all();
      // The codes the file does not touch: a changed procedure may not take one of them.
      const others = new Set(this.sql.codes.all(0).filter((code) => !codes.has(code)));
      for (const input of inputs) {
        validateProcedure(input, services, others);
        const existing = this.getByCode(input.code);
        if (!existing) {
          this.sql.insert.run(params(input));
          counts.added += 1;
        } else if (sameProcedure(existing, input)) {
          counts.unchanged += 1;
        } else {
          this.sql.update.run({ ...params(input), id: existing.id });
          counts.updated += 1;
        }
      }
      return counts;
    });
  }

  private validate(input: ProcedureInput, id: number): void {
    validateProcedure(input, this.sql.services.all(), new Set(this.sql.codes.all(id)));
  }

  private write<T>(fn: () => T): T {
    // Inside the caller's transaction this is a savepoint; alone, a transaction of its own.
    return this.inTransaction.immediate(fn) as T;
  }
}
