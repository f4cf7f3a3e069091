/**
 * The counter caller's contract with its screens (the clerk's screen at /, the citizen's rating pad
 * at /rating): the view the agent pushes and the methods the screens may call, carried by the
 * platform's bridge. Pure types: the renderer imports them too.
 */
import type { CounterStatus, PauseReason, Priority, TicketStatus } from '@qms/core';
import type { StationView } from '@qms/station/contract';

/** What a clerk presses, on screen, by keyboard or on the caller keypad. */
export const COUNTER_ACTIONS = ['call-next', 'recall', 'start', 'finish', 'no-show', 'pause', 'resume'] as const;
export type CounterAction = (typeof COUNTER_ACTIONS)[number];

export interface CurrentTicket {
  id: number;
  label: string;
  serviceId: number;
  serviceName: string;
  serviceNameEn: string;
  priority: Priority;
  status: TicketStatus;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  recallCount: number;
  /** Who took it, as the kiosk read the CCCD: the name and the masked number (null when none was scanned). */
  citizen: { name: string; idMasked: string } | null;
}

export interface WaitingTicket {
  id: number;
  label: string;
  serviceId: number;
  priority: Priority;
  issuedAt: string;
}

/** Served tickets and their mean service time (finish minus start, or call when never started), today. */
export interface DayFigures {
  served: number;
  serviceMeanSeconds: number | null;
}

/** What the clerk glances at beside the work: what comes next, who may come back, how the day goes. */
export interface CounterGlance {
  /** The first tickets in the order the hub would call them. */
  next: WaitingTicket[];
  /** Tickets marked absent at this counter that may still come back (put back in the queue, or called), newest first. */
  noShows: { id: number; label: string; noShowAt: string; until: string }[];
  /** Today at this counter, and of the clerk signed in (wherever they worked); null until known. */
  today: { counter: DayFigures; clerk: DayFigures | null } | null;
}

export interface RatingPadView {
  state: 'locked' | 'open' | 'thanks';
  /** While open: the ticket to rate and the clerk who served it. */
  label: string | null;
  clerk: string | null;
  counterNumber: number | null;
  /** The scale, best first, with its words in Vietnamese and English. */
  scale: { score: number; vi: string; en: string }[];
}

export interface FieldQueue {
  serviceId: number;
  name: string;
  nameEn: string;
  prefix: string;
  waiting: number;
  estimatedWaitSeconds: number | null;
}

export interface CounterOwnView {
  /** The counter this station works at: bound at approval, or picked by the clerk at login. */
  counter: { id: number; number: number; name: string; status: CounterStatus; pauseReason: PauseReason | null } | null;
  /** True when the device was approved for a counter (the clerk does not pick one). */
  bound: boolean;
  /** The counters a clerk may pick at login when the device is not bound. */
  counters: { id: number; number: number; name: string }[];
  clerk: { username: string; displayName: string } | null;
  /** The citizen-facing rating pad (the page /rating): locked, open for the ticket just finished, or thanking. */
  rating: RatingPadView;
  /** The ticket the counter holds now (called or being served). */
  current: CurrentTicket | null;
  /** The fields this counter serves, in its order, with their waiting counts. */
  queues: FieldQueue[];
  /** Every active field, for a transfer. */
  fields: { id: number; name: string; nameEn: string }[];
  /** The next tickets, the absent ones that may come back, today's figures (while a clerk is signed in). */
  glance: CounterGlance;
  /** Minutes without a press before the clerk is signed out. */
  idleLogoutMinutes: number;
}

export type CounterView = StationView<CounterOwnView>;

export type CounterMethods = {
  login: { params: { username: string; secret: string; counterId?: number }; result: { username: string } };
  logout: { params: Record<string, never>; result: null };
  /** One press: the ticket the counter holds afterwards (null when nobody waits or it was let go). A pause may say why. */
  act: { params: { action: CounterAction; reason?: PauseReason }; result: { current: CurrentTicket | null } };
  /** Calls that ticket out of order (waiting, or a no-show that may still come back); the hub records who did. */
  callTicket: { params: { label: string }; result: { current: CurrentTicket | null } };
  /** The tickets waiting for this counter's fields, in the order the hub would call them. */
  waiting: { params: Record<string, never>; result: { tickets: WaitingTicket[] } };
  transfer: { params: { serviceId: number }; result: { current: null } };
  /** A citizen marked absent came back: their ticket waits again, with its issue time and priority. */
  requeue: { params: { ticketId: number }; result: { label: string } };
  /** The citizen's one press on the rating pad. */
  rate: { params: { score: number }; result: { score: number } };
};

/** Refusals of the counter's own (besides the bridge's and the hub's). */
export const COUNTER_ERRORS = {
  notSignedIn: 'counter.not_signed_in',
  noCounter: 'counter.none_chosen',
  noTicket: 'counter.no_ticket',
  ratingClosed: 'rating.closed',
} as const;
