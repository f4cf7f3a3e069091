import type { EngineSettings } from './engine-settings.js';
import type { QueueLength } from './events.js';
import type { QueueStore } from './ports.js';
import type { ChangeContext, Outcome } from './queue-change.js';
import type { Actor, QueueGuards } from './queue-guards.js';
import { assertCanRate, type Rating } from './ratings.js';
import type { Ticket } from './types.js';

type RunChange = <T>(fn: (context: ChangeContext) => T, actor: Actor) => Outcome<T>;

/** Ratings of finished tickets, taken as changes of the queue engine (their event has a seq like any other). */
export class RatingDesk {
  constructor(
    private readonly store: QueueStore,
    private readonly settings: () => EngineSettings,
    private readonly guard: QueueGuards,
    private readonly change: RunChange,
    private readonly queueLengths: (serviceIds: readonly number[], day: string) => QueueLength[],
  ) {}

  /**
   * The citizen's rating of a finished ticket: once, within the window after its finish, on the
   * current scale; a counter station rates only tickets its counter served.
   */
  rate(ticketId: number, score: number, actor: Actor = {}): Outcome<{ ticket: Ticket; rating: Rating }> {
    return this.change(({ now, at, day, emit }) => {
      const ticket = this.guard.ticket(ticketId);
      this.guard.ownCounter(ticket.counterId, actor);
      const rules = this.settings().rating;
      assertCanRate(ticket, this.store.ratingOf(ticket.id), score, now, rules);
      const rating = { score, at };
      this.store.insertRating({ ticketId: ticket.id, score, levels: rules.levels, counterId: ticket.counterId, at });
      emit('ticket.rated', { ticket, counterId: ticket.counterId, rating, queues: this.queueLengths([ticket.serviceId], day) });
      return { ticket, rating };
    }, actor);
  }

  ratingOf(ticketId: number): Rating | null {
    return this.store.ratingOf(ticketId) ?? null;
  }
}
