/** A refusal from the hub: its stable code, HTTP status and message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** What the hub added to explain it (an import's problems, row by row). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface SessionUser {
  id: number;
  username: string;
  role: 'admin' | 'technician' | 'staff';
  displayName?: string;
}

/**
 * The hub's API as the console calls it: same-origin, signed in by the session cookie (HttpOnly:
 * this code never sees the token), each change carrying the session's CSRF token.
 */
export class ConsoleApi {
  private csrfToken: string | null = null;
  /** The hub ends a browser session after this long without a request; the page signs out after this long without the person's input. */
  idleMinutes = 30;
  /** Called when the hub no longer knows the session (expired, idle, logged out elsewhere). */
  onSignedOut: () => void = () => {};

  /** The signed-in person, or null when there is no session. */
  async whoAmI(): Promise<SessionUser | null> {
    try {
      const me = await this.get<{ type: string; id: number; username?: string; role?: SessionUser['role']; name?: string; csrfToken?: string; idleMinutes?: number }>('/api/auth/me', { quiet: true });
      if (me.type !== 'user' || !me.username || !me.role) return null;
      this.csrfToken = me.csrfToken ?? null;
      if (me.idleMinutes) this.idleMinutes = me.idleMinutes;
      return { id: me.id, username: me.username, role: me.role };
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 401) return null;
      throw error;
    }
  }

  async signIn(username: string, password: string): Promise<SessionUser> {
    const reply = await this.request<{ csrfToken: string; idleMinutes: number; user: SessionUser }>('POST', '/api/auth/session', { username, password }, { quiet: true });
    this.csrfToken = reply.csrfToken;
    this.idleMinutes = reply.idleMinutes;
    return reply.user;
  }

  async signOut(): Promise<void> {
    try {
      await this.request('POST', '/api/auth/logout', undefined, { quiet: true });
    } finally {
      this.csrfToken = null;
    }
  }

  get<T>(path: string, options: { quiet?: boolean } = {}): Promise<T> {
    return this.request<T>('GET', path, undefined, options);
  }

  send<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return this.request<T>(method, path, body);
  }

  private async request<T>(method: string, path: string, body: unknown, options: { quiet?: boolean } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let response: Response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
    } catch {
      throw new ApiFailure(0, 'network', 'the hub cannot be reached');
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null)?.error;
      const failure = new ApiFailure(response.status, error?.code ?? `http.${response.status}`, error?.message ?? response.statusText, error?.details);
      if (response.status === 401 && !options.quiet) this.onSignedOut();
      throw failure;
    }
    return json as T;
  }
}
