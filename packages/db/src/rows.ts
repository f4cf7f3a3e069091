import type { Counter, CounterStatus, OpeningPeriod, PauseReason, Priority, Service, Ticket, TicketStatus } from '@qms/core';

/** Rows as SQLite returns them, and their mapping to the domain's plain objects. */

export interface ServiceRow {
  id: number;
  code: string;
  name: string;
  name_en: string;
  prefix: string;
  range_start: number;
  range_end: number;
  opening_hours: string;
  active: number;
  position: number;
  default_service_seconds: number;
}

export function toService(row: ServiceRow): Service {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    prefix: row.prefix,
    rangeStart: row.range_start,
    rangeEnd: row.range_end,
    openingHours: JSON.parse(row.opening_hours) as OpeningPeriod[],
    active: row.active === 1,
    position: row.position,
    defaultServiceSeconds: row.default_service_seconds,
  };
}

export interface CounterRow {
  id: number;
  number: number;
  name: string;
  status: string;
  service_ids: string | null;
  pause_reason: string | null;
}

export function toCounter(row: CounterRow): Counter {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    status: row.status as CounterStatus,
    serviceIds: row.service_ids ? row.service_ids.split(',').map(Number) : [],
    // The reason of its current pause, if it is paused (a pause left over on an open counter says nothing).
    pauseReason: row.status === 'paused' ? (row.pause_reason as PauseReason | null) : null,
  };
}

export interface TicketRow {
  id: number;
  business_day: string;
  issue_service_id: number;
  number: number;
  label: string;
  service_id: number;
  priority: string;
  status: string;
  counter_id: number | null;
  issued_at: string;
  called_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  recall_count: number;
  transfer_count: number;
  served_by: number | null;
}

export const TICKET_COLUMNS =
  'id, business_day, issue_service_id, number, label, service_id, priority, status, counter_id, issued_at, called_at, started_at, finished_at, recall_count, transfer_count, served_by';

export function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    label: row.label,
    number: row.number,
    serviceId: row.service_id,
    issueServiceId: row.issue_service_id,
    priority: row.priority as Priority,
    status: row.status as TicketStatus,
    counterId: row.counter_id,
    businessDay: row.business_day,
    issuedAt: row.issued_at,
    calledAt: row.called_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    recallCount: row.recall_count,
    transferCount: row.transfer_count,
    servedBy: row.served_by,
  };
}
