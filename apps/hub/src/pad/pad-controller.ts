import type { RatingPromptDto } from '@qms/protocol';
import { type PadApi, PadRefusal } from './pad-api.js';

/** What the tablet keeps across reloads: the pairing in progress, then its device token and counter. */
export type PadCredentials = { state: 'pairing'; deviceId: number; secret: string; code: string } | { state: 'paired'; deviceId: number; token: string; counterId: number; lastSeq: number | null };

export interface PadStorage {
  load(): PadCredentials | null;
  save(credentials: PadCredentials): void;
  clear(): void;
}

/** What the page shows. */
export type PadView =
  { phase: 'starting' | 'reconnecting' } | { phase: 'pairing'; code: string | null } | { phase: 'rating'; state: 'locked' | 'thanks' } | { phase: 'rating'; state: 'open'; prompt: RatingPromptDto };

export const THANKS_MS = 5_000;
const PAIR_POLL_MS = 2_000;
const MAX_RETRY_MS = 10_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const isRefusal = (error: unknown): error is PadRefusal => error instanceof PadRefusal && error.status < 500;
const isRevoked = (error: unknown) => error instanceof PadRefusal && error.status === 401;

/** A ticket event of this counter (the ticket's counter, or the counter the event names). */
function concernsCounter(message: Record<string, unknown>, counterId: number): boolean {
  if (typeof message.type !== 'string' || !message.type.startsWith('ticket.')) return false;
  const ticket = message.ticket as { counterId?: unknown } | undefined;
  return message.counterId === counterId || ticket?.counterId === counterId;
}

/**
 * The rating pad on a tablet: pairs with the hub as a `rating` device, then follows the hub's live
 * events and re-reads its counter's open rating whenever a ticket event of that counter arrives (and
 * on every (re)connection). One press rates; thanks for THANKS_MS; then locked. A revoked token goes
 * back to pairing.
 */
export class PadController {
  private view: PadView = { phase: 'starting' };
  /** Answers of older reads are dropped: only the latest read of the prompt is shown. */
  private readGeneration = 0;
  private pressing = false;
  private thanksUntil = 0;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private socket: WebSocket | undefined;
  /** Resolves the paired session when the token no longer works. */
  private revoked: (() => void) | undefined;

  constructor(
    private readonly api: PadApi,
    private readonly storage: PadStorage,
    private readonly name: string,
    private readonly render: (view: PadView) => void,
  ) {}

  async run(): Promise<never> {
    this.show({ phase: 'starting' });
    for (;;) {
      const credentials = this.storage.load();
      if (credentials?.state === 'paired') await this.paired(credentials);
      else await this.pair();
    }
  }

  /** A press on the open screen: rates once, then thanks. */
  async rate(score: number): Promise<void> {
    const credentials = this.storage.load();
    if (this.pressing || this.view.phase !== 'rating' || this.view.state !== 'open' || credentials?.state !== 'paired') return;
    this.pressing = true;
    const { ticketId } = this.view.prompt;
    try {
      await this.api.rate(credentials.token, ticketId, score);
      this.thanksUntil = Date.now() + THANKS_MS;
      this.show({ phase: 'rating', state: 'thanks' });
      setTimeout(() => {
        this.thanksUntil = 0;
        void this.refresh();
      }, THANKS_MS);
    } catch (error) {
      if (isRevoked(error)) this.revoked?.();
      // Rated already, or closed: what the hub says now is shown.
      else void this.refresh();
    } finally {
      this.pressing = false;
    }
  }

  private show(view: PadView): void {
    this.view = view;
    this.render(view);
  }

  /** Asks the hub to pair and waits for a technician to approve the code (with the counter). */
  private async pair(): Promise<void> {
    let retryMs = 1_000;
    for (;;) {
      try {
        let pending = this.storage.load();
        if (pending?.state !== 'pairing') {
          const request = await this.api.requestPairing(this.name);
          pending = { state: 'pairing', deviceId: request.deviceId, secret: request.secret, code: request.code };
          this.storage.save(pending);
        }
        this.show({ phase: 'pairing', code: pending.code });
        retryMs = 1_000;
        const answer = await this.api.pollPairing(pending.deviceId, pending.secret);
        if (answer.status === 'approved' && answer.token && answer.device?.counterId) {
          this.storage.save({ state: 'paired', deviceId: pending.deviceId, token: answer.token, counterId: answer.device.counterId, lastSeq: null });
          return;
        }
        await sleep(PAIR_POLL_MS);
      } catch (error) {
        if (isRefusal(error)) {
          // Expired, refused or forgotten by the hub: a fresh code.
          this.storage.clear();
          await sleep(500);
          continue;
        }
        this.show({ phase: 'reconnecting' });
        await sleep(retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      }
    }
  }

  /** Follows the hub's events until the token stops working. */
  private async paired(credentials: Extract<PadCredentials, { state: 'paired' }>): Promise<void> {
    let retryMs = 500;
    let over = false;
    const ended = new Promise<void>((resolve) => {
      this.revoked = () => {
        over = true;
        resolve();
      };
    });
    this.show({ phase: 'rating', state: 'locked' });
    while (!over) {
      const closed = new Promise<void>((resolve) => {
        const socket = this.api.events(credentials.token, this.lastSeq());
        this.socket = socket;
        socket.onopen = () => {
          retryMs = 500;
          void this.refresh();
        };
        socket.onmessage = (message) => this.onMessage(String(message.data), credentials.counterId);
        socket.onclose = () => resolve();
      });
      await Promise.race([closed, ended]);
      if (over) break;
      // Closed: revoked (the hub closes a revoked device's feed, and refuses it again), or the network.
      await this.refresh();
      if (over) break;
      if (this.view.phase !== 'rating') this.show({ phase: 'reconnecting' });
      await Promise.race([sleep(retryMs), ended]);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    }
    this.socket?.close();
    this.socket = undefined;
    clearTimeout(this.closeTimer);
    this.storage.clear();
  }

  private lastSeq(): number | null {
    const credentials = this.storage.load();
    return credentials?.state === 'paired' ? credentials.lastSeq : null;
  }

  private onMessage(data: string, counterId: number): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(data) as Record<string, unknown>;
    } catch {
      return; // Not an event of the hub's: nothing to follow.
    }
    if (typeof message.seq === 'number') {
      const credentials = this.storage.load();
      if (credentials?.state === 'paired') this.storage.save({ ...credentials, lastSeq: message.seq });
    }
    if (message.type === 'resync' || message.type === 'config.changed' || message.type === 'day.closed' || concernsCounter(message, counterId)) void this.refresh();
  }

  /** Reads the counter's open rating and shows it (locked when there is none). */
  private async refresh(): Promise<void> {
    const credentials = this.storage.load();
    if (credentials?.state !== 'paired') return;
    const generation = ++this.readGeneration;
    try {
      const prompt = await this.api.prompt(credentials.token, credentials.counterId);
      if (generation !== this.readGeneration || Date.now() < this.thanksUntil) return;
      clearTimeout(this.closeTimer);
      if (!prompt) return this.show({ phase: 'rating', state: 'locked' });
      this.show({ phase: 'rating', state: 'open', prompt });
      // Locks itself when the window closes, even if no event comes.
      this.closeTimer = setTimeout(() => void this.refresh(), Math.max(0, Date.parse(prompt.closesAt) - Date.now()) + 500);
    } catch (error) {
      if (isRevoked(error)) this.revoked?.();
      else if (!isRefusal(error) && generation === this.readGeneration) this.show({ phase: 'reconnecting' });
    }
  }
}
