import { EventStream, type HubClient } from '@qms/client';
import type { StateDto } from '@qms/protocol';

/**
 * The benchmark's reference: a station that keeps its state as HubLink did before it applied
 * events, fetching /api/state 50 ms after any event (events closer together share one fetch, and
 * one more follows a fetch that events overtook).
 */
export class NaiveStation {
  state: StateDto | null = null;
  private stream: EventStream | undefined;
  private timer: NodeJS.Timeout | undefined;
  private refreshing = false;
  private refreshAgain = false;

  constructor(private readonly client: HubClient) {}

  async start(): Promise<void> {
    this.state = await this.client.state();
    this.stream = new EventStream(
      this.client,
      {
        onSnapshot: (state) => (this.state = state),
        onEvent: () => this.scheduleRefresh(),
        onStatus: (status) => status === 'live' && this.scheduleRefresh(),
      },
      { since: this.state.seq },
    );
    await this.stream.start();
  }

  /** Nothing pending: no fetch waiting or under way. */
  get idle(): boolean {
    return !this.timer && !this.refreshing;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.stream?.close();
  }

  private scheduleRefresh(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, 50);
  }

  private async refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    try {
      this.state = await this.client.state();
    } finally {
      this.refreshing = false;
      if (this.refreshAgain) {
        this.refreshAgain = false;
        this.scheduleRefresh();
      }
    }
  }
}
