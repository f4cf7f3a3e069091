import type { ErrorBody, PairPollReply, PairRequestReply, RatingPromptDto } from '@qms/protocol';
import type { Static } from '@sinclair/typebox';

/** A refusal from the hub (a 4xx or 5xx with its stable code); a network failure is a plain Error. */
export class PadRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The few calls of the hub's REST API the rating pad makes, from the page the hub served (same origin). */
export class PadApi {
  constructor(private readonly origin: string) {}

  private async call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.origin}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    const parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
    if (!response.ok) {
      const error = (parsed as ErrorBody | undefined)?.error;
      throw new PadRefusal(response.status, error?.code ?? 'unknown', error?.message ?? `HTTP ${response.status}`);
    }
    return { status: response.status, body: parsed as T };
  }

  async requestPairing(name: string): Promise<Static<typeof PairRequestReply>> {
    return (await this.call<Static<typeof PairRequestReply>>('POST', '/api/devices/pair', null, { kind: 'rating', name })).body;
  }

  async pollPairing(deviceId: number, secret: string): Promise<Static<typeof PairPollReply>> {
    return (await this.call<Static<typeof PairPollReply>>('POST', `/api/devices/pair/${deviceId}`, null, { secret })).body;
  }

  /** The counter's open rating, or null when there is none (204). */
  async prompt(token: string, counterId: number): Promise<RatingPromptDto | null> {
    const { status, body } = await this.call<RatingPromptDto>('GET', `/api/counters/${counterId}/rating`, token);
    return status === 204 ? null : body;
  }

  async rate(token: string, ticketId: number, score: number): Promise<void> {
    await this.call('POST', `/api/tickets/${ticketId}/rating`, token, { score });
  }

  /** The live events, authenticated by ?token= (a browser cannot set headers on a WebSocket), resumed after `since`. */
  events(token: string, since: number | null): WebSocket {
    const url = new URL('/api/events', this.origin);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', token);
    if (since !== null) url.searchParams.set('since', String(since));
    return new WebSocket(url);
  }
}
