import type { Db } from './database.js';

/** A ticket that is still in the queue's hands: a second scan of the same receipt gives it again. */
const OPEN_STATUSES = "('waiting', 'called', 'serving')";

/**
 * Which tickets were taken to collect an application's result (migration 015). Written by the
 * queue worker in the change that issues the ticket; read by the hub for a ticket's detail.
 */
export class SqliteApplicationPickupStore {
  private readonly sql;

  constructor(db: Db) {
    this.sql = {
      link: db.prepare<[number, number, string]>('INSERT INTO application_pickups (ticket_id, application_id, issued_at) VALUES (?, ?, ?)'),
      openTicket: db
        .prepare<[number], number>(
          `SELECT p.ticket_id FROM application_pickups p JOIN tickets t ON t.id = p.ticket_id
           WHERE p.application_id = ? AND t.status IN ${OPEN_STATUSES} ORDER BY p.ticket_id DESC LIMIT 1`,
        )
        .pluck(),
      applicationOf: db.prepare<[number], number>('SELECT application_id FROM application_pickups WHERE ticket_id = ?').pluck(),
    };
  }

  /** Records that the ticket was issued to collect the application's result. */
  link(ticketId: number, applicationId: number, at: string): void {
    this.sql.link.run(ticketId, applicationId, at);
  }

  /** The application's pickup ticket still waiting, called or being served, if any (the newest). */
  openTicketOf(applicationId: number): number | undefined {
    return this.sql.openTicket.get(applicationId);
  }

  /** The application a ticket was issued for, when it is a results pickup. */
  applicationOf(ticketId: number): number | undefined {
    return this.sql.applicationOf.get(ticketId);
  }
}
