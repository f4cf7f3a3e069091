import { CLOSE_CODES } from '@qms/protocol';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { FINAL_TICKET_STATUSES, type TicketPublicState } from './ticket-state.js';

export interface TicketFeedLimits {
  /**
   * Open feeds from one address. Phones on the centre's Wi-Fi each have their own address on the
   * LAN; a family follows a few tickets. A guest Wi-Fi that NATs every phone behind one address
   * needs this raised (or the hall shares it).
   */
  perAddress: number;
  /** Open feeds in all: each costs a socket and a place computation per change of the queue. */
  total: number;
  /** A ping and a {"type":"heartbeat"} this often; a feed that did not answer the last ping is dropped. */
  heartbeatMs: number;
}

export const DEFAULT_TICKET_FEED_LIMITS: TicketFeedLimits = { perAddress: 20, total: 2_000, heartbeatMs: 15_000 };

/** WebSocket's "try again later" (RFC 6455 registry): the limit was reached between the check and the upgrade. */
const TRY_AGAIN_LATER = 1013;

/** The feed ends normally (1000) when the ticket has ended; the page then stops reconnecting. */
export const TICKET_ENDED_REASON = 'ticket ended';

interface Feed {
  socket: WebSocket;
  ticketId: number;
  address: string;
  alive: boolean;
  /** The last message sent, to send only what changed. */
  last: string;
}

/**
 * The citizens' live ticket feeds: each follows one ticket for the page its QR code opened. On
 * every change of the queue the hub publishes, each feed's ticket is read again and its public
 * state sent when it changed (a call, a recall, one person fewer ahead); when the ticket ends the
 * feed sends its last state and closes. Read-only: what a phone sends is ignored.
 */
export class TicketFeeds {
  private readonly feeds = new Set<Feed>();
  private readonly perAddress = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(
    /** The ticket's public state now, or undefined when it is gone. */
    private readonly stateOf: (ticketId: number) => TicketPublicState | undefined,
    private readonly logger: Logger,
    private readonly limits: TicketFeedLimits = DEFAULT_TICKET_FEED_LIMITS,
  ) {
    this.timer = setInterval(() => this.heartbeat(), limits.heartbeatMs);
    this.timer.unref();
  }

  get size(): number {
    return this.feeds.size;
  }

  /** Whether one more feed from this address is allowed now (asked before the upgrade, checked again at attach). */
  admits(address: string): boolean {
    return !this.closed && this.feeds.size < this.limits.total && (this.perAddress.get(address) ?? 0) < this.limits.perAddress;
  }

  /** Follows the ticket on this socket: its state at once, then each change, until it ends. */
  attach(socket: WebSocket, ticketId: number, address: string): void {
    if (!this.admits(address)) {
      socket.close(TRY_AGAIN_LATER, 'too many live pages; try again later');
      return;
    }
    const feed: Feed = { socket, ticketId, address, alive: true, last: '' };
    this.feeds.add(feed);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    socket.on('pong', () => {
      feed.alive = true;
    });
    socket.on('close', () => this.forget(feed));
    socket.on('error', (error) => {
      this.logger.debug({ err: error }, 'ticket feed socket error');
      this.forget(feed);
    });
    this.refresh(feed);
  }

  /** The queue changed: every feed reads its ticket again and sends what changed. */
  refreshAll(): void {
    for (const feed of this.feeds) this.refresh(feed);
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const feed of this.feeds) feed.socket.close(CLOSE_CODES.goingAway, 'hub shutting down');
    this.feeds.clear();
    this.perAddress.clear();
  }

  private refresh(feed: Feed): void {
    if (feed.socket.readyState !== feed.socket.OPEN) return;
    const state = this.stateOf(feed.ticketId);
    if (!state) {
      // Gone from the database (a restore): nothing more will come.
      this.end(feed);
      return;
    }
    const message = JSON.stringify(state);
    if (message !== feed.last) {
      feed.last = message;
      feed.socket.send(message);
    }
    if (FINAL_TICKET_STATUSES.has(state.status)) this.end(feed);
  }

  private end(feed: Feed): void {
    this.forget(feed);
    feed.socket.close(1000, TICKET_ENDED_REASON);
  }

  private forget(feed: Feed): void {
    if (!this.feeds.delete(feed)) return;
    const count = (this.perAddress.get(feed.address) ?? 1) - 1;
    if (count > 0) this.perAddress.set(feed.address, count);
    else this.perAddress.delete(feed.address);
  }

  private heartbeat(): void {
    const text = JSON.stringify({ type: 'heartbeat' });
    for (const feed of this.feeds) {
      if (!feed.alive) {
        this.forget(feed);
        feed.socket.terminate();
        continue;
      }
      feed.alive = false;
      feed.socket.ping();
      if (feed.socket.readyState === feed.socket.OPEN) feed.socket.send(text);
    }
  }
}
