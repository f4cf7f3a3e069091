import type { CitizenDto, CounterDto, CounterTodayDto, ErrorBody, RatingPromptDto, IssuedDto, ServiceDto, StateDto, TicketDto } from '@qms/protocol';
import type { DeviceKind, Priority, Role, TicketStatus } from '@qms/core';

/** A refusal from the hub: the HTTP status and the stable error code. */
export class HubError extends Error {
  override readonly name = 'HubError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface HubClientOptions {
  /** http://HOST:PORT of the hub. */
  baseUrl: string;
  token?: string;
  /** Per-request timeout. */
  timeoutMs?: number;
}

export type TicketAction = 'recall' | 'start' | 'finish' | 'no-show' | 'cancel' | 'requeue';

/** The hub's answer to a login: the bearer token (kept by the client for its next requests) and who it is. */
export interface Session {
  token: string;
  expiresAt: string;
  user: { id: number; username: string; role: Role; displayName: string };
}

/** The hub's REST API, typed. Every method throws HubError when the hub refuses. */
export class HubClient {
  /** Set anew only before a first request (a station that found its hub on the LAN after it started). */
  baseUrl: string;
  token: string | undefined;
  private readonly timeoutMs: number;

  constructor(options: HubClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Headers }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    const parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
    if (!response.ok) {
      const error = (parsed as ErrorBody | undefined)?.error;
      throw new HubError(response.status, error?.code ?? 'unknown', error?.message ?? `HTTP ${response.status}`);
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  private async call<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    return (await this.request<T>(method, path, body, headers)).body;
  }

  /** Signs in with a password; later requests carry the token. */
  login(username: string, password: string): Promise<Session> {
    return this.startSession({ username, password });
  }

  /** Signs a clerk in at a counter station with their 4–8 digit PIN; later requests carry the token. */
  loginWithPin(username: string, pin: string): Promise<Session> {
    return this.startSession({ username, pin });
  }

  private async startSession(body: { username: string; password: string } | { username: string; pin: string }): Promise<Session> {
    const session = await this.call<Session>('POST', '/api/auth/login', body);
    this.token = session.token;
    return session;
  }

  services(): Promise<ServiceDto[]> {
    return this.call('GET', '/api/services');
  }

  counters(): Promise<CounterDto[]> {
    return this.call('GET', '/api/counters');
  }

  state(): Promise<StateDto> {
    return this.call('GET', '/api/state');
  }

  issueTicket(serviceId: number, options: { priority?: Priority; idempotencyKey?: string; citizen?: CitizenDto } = {}): Promise<IssuedDto> {
    const body = { serviceId, ...(options.priority ? { priority: options.priority } : {}), ...(options.citizen ? { citizen: options.citizen } : {}) };
    return this.call('POST', '/api/tickets', body, options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {});
  }

  /** A station asks to pair; it shows the code until a technician approves it. */
  requestPairing(kind: DeviceKind, name: string): Promise<{ deviceId: number; code: string; secret: string; expiresAt: string }> {
    return this.call('POST', '/api/devices/pair', { kind, name });
  }

  pollPairing(
    deviceId: number,
    secret: string,
  ): Promise<{ status: 'pending' | 'approved'; token?: string; device?: { id: number; kind: DeviceKind; name: string; counterId: number | null; zone?: string | null } }> {
    return this.call('POST', `/api/devices/pair/${deviceId}`, { secret });
  }

  /** A station reports a problem with its hardware, or that it is over. */
  async reportAlert(alert: { source: string; code: string; message: string; active: boolean }): Promise<void> {
    await this.request('POST', '/api/devices/alerts', alert);
  }

  ticket(id: number): Promise<TicketDto> {
    return this.call('GET', `/api/tickets/${id}`);
  }

  tickets(query: { status?: TicketStatus; serviceId?: number } = {}): Promise<TicketDto[]> {
    const params = new URLSearchParams();
    if (query.status) params.set('status', query.status);
    if (query.serviceId !== undefined) params.set('serviceId', String(query.serviceId));
    const search = params.size > 0 ? `?${params}` : '';
    return this.call('GET', `/api/tickets${search}`);
  }

  /** The day's figures of a counter and of the signed-in clerk (staff is null for a station's token). */
  counterToday(counterId: number): Promise<CounterTodayDto> {
    return this.call('GET', `/api/counters/${counterId}/today`);
  }

  /** The counter's open rating (the last ticket finished there, while it may be rated), or null (204). */
  async ratingPrompt(counterId: number): Promise<RatingPromptDto | null> {
    const { status, body } = await this.request<RatingPromptDto>('GET', `/api/counters/${counterId}/rating`);
    return status === 204 ? null : body;
  }

  /** The next ticket, or null when nobody waits (204). */
  async callNext(counterId: number): Promise<TicketDto | null> {
    const { status, body } = await this.request<TicketDto>('POST', `/api/counters/${counterId}/call-next`);
    return status === 204 ? null : body;
  }

  act(ticketId: number, action: TicketAction): Promise<TicketDto> {
    return this.call('POST', `/api/tickets/${ticketId}/${action}`);
  }

  transfer(ticketId: number, serviceId: number): Promise<TicketDto> {
    return this.call('POST', `/api/tickets/${ticketId}/transfer`, { serviceId });
  }
}
