import type { Db } from './database.js';
import { TICKET_COLUMNS, type CounterRow, type ServiceRow, type TicketRow } from './rows.js';

const COUNTER_SELECT = `
  SELECT c.id, c.number, c.name, c.status,
         (SELECT group_concat(service_id) FROM (SELECT service_id FROM counter_services cs WHERE cs.counter_id = c.id ORDER BY position)) AS service_ids,
         (SELECT reason FROM counter_pauses p WHERE p.counter_id = c.id AND p.ended_at IS NULL) AS pause_reason
  FROM counters c`;

/** The queue store's statements, prepared once on its connection. */
export function prepareQueueStatements(db: Db) {
  const ticket = (where: string) => db.prepare<unknown[], TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets ${where}`);
  return {
    services: db.prepare<[], ServiceRow>('SELECT * FROM services ORDER BY position, id'),
    counters: db.prepare<[], CounterRow>(`${COUNTER_SELECT} ORDER BY c.number`),
    counterStatus: db.prepare<[string, number]>('UPDATE counters SET status = ? WHERE id = ?'),
    endPause: db.prepare<[string, number]>('UPDATE counter_pauses SET ended_at = ? WHERE counter_id = ? AND ended_at IS NULL'),
    startPause: db.prepare<[number, string | null, string]>('INSERT INTO counter_pauses (counter_id, reason, started_at) VALUES (?, ?, ?)'),
    ticket: ticket('WHERE id = ?'),
    byLabel: ticket('WHERE business_day = ? AND label = ?'),
    issued: ticket('WHERE issued_by = ? AND idempotency_key = ?'),
    lastNumber: db.prepare<[string, number], { n: number | null }>('SELECT max(number) AS n FROM tickets WHERE business_day = ? AND issue_service_id = ?'),
    // Positional parameters: binding by name costs more on the hottest statements.
    insert: db.prepare<[string, number, number, string, number, string, string, string, string | null]>(
      `INSERT INTO tickets (business_day, issue_service_id, number, label, service_id, priority, status, issued_at, issued_by, idempotency_key)
       VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?)`,
    ),
    issueEstimate: db.prepare<[number | null, number]>('UPDATE tickets SET estimated_wait_seconds = ? WHERE id = ?'),
    insertCitizen: db.prepare<[number, string, string]>('INSERT INTO ticket_citizens (ticket_id, name, id_masked) VALUES (?, ?, ?)'),
    citizen: db.prepare<[number], { name: string; idMasked: string }>('SELECT name, id_masked AS idMasked FROM ticket_citizens WHERE ticket_id = ?'),
    forgetCitizens: db.prepare<[string]>(
      `DELETE FROM ticket_citizens WHERE ticket_id IN
         (SELECT id FROM tickets WHERE business_day < ? AND status IN ('done', 'no_show', 'cancelled'))`,
    ),
    update: db.prepare<[number, string, number | null, string | null, string | null, string | null, number, number, number | null, number, string]>(
      `UPDATE tickets SET service_id = ?, status = ?, counter_id = ?, called_at = ?, started_at = ?, finished_at = ?,
         recall_count = ?, transfer_count = ?, served_by = ?
       WHERE id = ? AND status = ?`,
    ),
    head: ticket("WHERE status = 'waiting' AND service_id = ? AND is_priority = ? ORDER BY issued_at, id LIMIT 1"),
    atCounter: ticket("WHERE counter_id = ? AND status IN ('called', 'serving')"),
    // Every field (a ticket may have been finished under a field the counter no longer serves), the
    // day or two the window spans, and from the window's start on: a few rows of tickets_done.
    lastDone: ticket(
      `INDEXED BY tickets_done
       WHERE status = 'done' AND service_id IN (SELECT id FROM services) AND business_day IN (?, ?) AND finished_at >= ? AND counter_id = ?
       ORDER BY finished_at DESC, id DESC LIMIT 1`,
    ),
    ahead: db.prepare<unknown[], { n: number }>(
      `SELECT count(*) AS n FROM tickets
       WHERE status = 'waiting' AND service_id = @serviceId AND id <> @id
         AND (is_priority > @isPriority OR (is_priority = @isPriority AND (issued_at < @issuedAt OR (issued_at = @issuedAt AND id < @id))))`,
    ),
    waitingCount: db.prepare<[number], { n: number }>("SELECT count(*) AS n FROM tickets WHERE status = 'waiting' AND service_id = ?"),
    waitingCounts: db.prepare<[], { service_id: number; n: number }>("SELECT service_id, count(*) AS n FROM tickets WHERE status = 'waiting' GROUP BY service_id"),
    recentCalls: ticket('WHERE business_day = ? AND called_at IS NOT NULL ORDER BY called_at DESC, id DESC LIMIT ?'),
    // Today's tickets, plus unserved ones carried over from earlier days (when the centre keeps them).
    // Three index-backed parts: the day's tickets, and all waiting and all held tickets (the partial indexes).
    list: db.prepare<unknown[], TicketRow>(
      `SELECT * FROM (
         SELECT ${TICKET_COLUMNS} FROM tickets WHERE business_day = @businessDay
         UNION SELECT ${TICKET_COLUMNS} FROM tickets WHERE status = 'waiting'
         UNION SELECT ${TICKET_COLUMNS} FROM tickets WHERE counter_id IS NOT NULL AND status IN ('called', 'serving'))
       WHERE (@status IS NULL OR status = @status) AND (@serviceId IS NULL OR service_id = @serviceId)
       ORDER BY issued_at, id`,
    ),
    serviceTimes: db.prepare<[number, string, number], { begun: string | null; finished: string }>(
      `SELECT called_at AS begun, finished_at AS finished FROM tickets
       WHERE service_id = ? AND business_day = ? AND status = 'done'
       ORDER BY finished_at DESC LIMIT ?`,
    ),
    // Through the partial indexes (only unserved tickets), never a scan of every day's tickets.
    cancelWaiting: db.prepare<[{ at: string; day: string; inclusive: number }]>(
      `UPDATE tickets INDEXED BY tickets_waiting SET status = 'cancelled', finished_at = @at
       WHERE status = 'waiting' AND (business_day < @day OR (@inclusive AND business_day = @day))`,
    ),
    cancelCalled: db.prepare<[{ at: string; day: string; inclusive: number }]>(
      `UPDATE tickets INDEXED BY tickets_one_per_counter SET status = 'cancelled', finished_at = @at
       WHERE counter_id IS NOT NULL AND status IN ('called', 'serving') AND status = 'called'
         AND (business_day < @day OR (@inclusive AND business_day = @day))`,
    ),
    rating: db.prepare<[number], { score: number; at: string }>('SELECT score, rated_at AS at FROM ticket_ratings WHERE ticket_id = ?'),
    insertRating: db.prepare<[number, number, number, number | null, string]>('INSERT INTO ticket_ratings (ticket_id, score, levels, counter_id, rated_at) VALUES (?, ?, ?, ?, ?)'),
    getSetting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
    setSetting: db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    deleteSetting: db.prepare<[string]>('DELETE FROM settings WHERE key = ?'),
  };
}
