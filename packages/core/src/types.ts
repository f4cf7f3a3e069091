/** The nouns of the domain, as plain data. Instants are ISO 8601 strings in UTC. */

export const PRIORITIES = ['normal', 'elderly', 'disabled', 'pregnant', 'child'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** The classes a citizen may claim at the kiosk (every priority but normal), in the order shown. */
export const PRIORITY_CLASSES = ['elderly', 'disabled', 'pregnant', 'child'] as const satisfies readonly Priority[];
export type PriorityClass = (typeof PRIORITY_CLASSES)[number];

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which a counter holds the ticket. */
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['called', 'serving'];
/** Statuses of a ticket that has not been served yet. */
export const UNSERVED_STATUSES: readonly TicketStatus[] = ['waiting', 'called'];

export const COUNTER_STATUSES = ['open', 'paused'] as const;
export type CounterStatus = (typeof COUNTER_STATUSES)[number];

/** Why a counter is paused: reports count the pauses and their time by reason. */
export const PAUSE_REASONS = ['break', 'meeting', 'system_fault'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** What each reason is called, in lower case: it follows "tạm dừng" / "paused" (the console, `qms monitor`, the counter's buttons). */
export const PAUSE_REASON_NAMES: Readonly<Record<PauseReason, { vi: string; en: string }>> = {
  break: { vi: 'nghỉ giải lao', en: 'break' },
  meeting: { vi: 'họp', en: 'meeting' },
  system_fault: { vi: 'sự cố hệ thống', en: 'system fault' },
};

/** One opening period on the given ISO weekdays (1 = Monday ... 7 = Sunday), "HH:MM" to "HH:MM" (24:00 allowed). */
export interface OpeningPeriod {
  days: number[];
  open: string;
  close: string;
}

/** A field of procedures (Đất đai, Hộ tịch ...): what a citizen picks at the kiosk. */
export interface Service {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  prefix: string;
  rangeStart: number;
  rangeEnd: number;
  openingHours: OpeningPeriod[];
  active: boolean;
  position: number;
  /** Typical time to serve one citizen, used until today's own measurements exist. */
  defaultServiceSeconds: number;
}

export interface Counter {
  id: number;
  number: number;
  name: string;
  /** The services this counter serves, in priority order (first = main). */
  serviceIds: number[];
  status: CounterStatus;
  /** Why it is paused; null when it is open, or paused without a reason. */
  pauseReason: PauseReason | null;
}

export interface Ticket {
  id: number;
  label: string;
  number: number;
  /** The service the citizen is queued for now (changes on transfer). */
  serviceId: number;
  /** The service whose numbering gave the label (never changes). */
  issueServiceId: number;
  priority: Priority;
  status: TicketStatus;
  counterId: number | null;
  businessDay: string;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  recallCount: number;
  transferCount: number;
  /**
   * The user (clerk) who served it: who called it, or who last started or finished it. Null before
   * a call, when a station without a signed-in clerk acted, and once it waits again (transfer, requeue).
   */
  servedBy: number | null;
}

/** Who took the ticket, as read from a CCCD at the kiosk: the number is always masked. */
export interface Citizen {
  name: string;
  /** e.g. 001******345; the full number never reaches the hub. */
  idMasked: string;
}

export function isPriorityClass(priority: Priority): boolean {
  return priority !== 'normal';
}
