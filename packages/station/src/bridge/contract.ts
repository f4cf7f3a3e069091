/**
 * The one bridge between a station's renderer and its agent, typed by each station's own
 * contract: the `View` the agent pushes whenever something changes, and the `Methods` the renderer
 * may call. In Electron the preload carries it over IPC; beside Chromium the agent serves it as a
 * WebSocket at /bridge. Both carry the same messages, error code included, so a renderer runs
 * unmodified in either. Pure types and constants: no I/O (the renderers import this module).
 */

/** A station's methods: each with its parameters and its answer. */
export type MethodMap = Record<string, { params: unknown; result: unknown }>;

export type LinkPhase =
  /** No hub URL configured: looking for the hub on the LAN (mDNS/DNS-SD), until one answers. */
  | 'discovering'
  /** Starting up, before the first answer from the hub. */
  | 'starting'
  /** Not paired yet: the code is on screen until a technician approves it. */
  | 'pairing'
  | 'ready'
  /** The hub cannot be reached; the station keeps trying. */
  | 'reconnecting';

/** What every station's view carries, whatever its kind: the phase screens are drawn from it. */
export interface PlatformView {
  phase: LinkPhase;
  /** While pairing: the code a technician approves (`qms devices approve CODE`). */
  pairingCode: string | null;
  hubUrl: string;
  /** The hub this station found on the LAN (no URL configured), shown while it pairs; null when configured. */
  discoveredHub: { name: string; url: string } | null;
  stationName: string;
  /** The centre's time zone (the hub's), for clocks and times on screen. */
  timeZone: string;
}

/** A station's view: the platform's part and the station's own. */
export type StationView<View> = PlatformView & View;

/** Codes the bridge itself answers with (the station's own refusals add theirs). */
export const BRIDGE_ERRORS = {
  unknownMethod: 'request.unknown_method',
  malformed: 'request.malformed_json',
  invalid: 'request.invalid',
  internal: 'station.internal',
  /** The renderer lost its agent (the WebSocket closed, or no answer came). */
  closed: 'bridge.closed',
  /** The station could not reach the hub for what was asked. */
  hubUnreachable: 'hub.unreachable',
} as const;

export interface BridgeError {
  code: string;
  message: string;
}

/** Renderer → agent. */
export interface BridgeRequest<Methods extends MethodMap = MethodMap, M extends keyof Methods & string = keyof Methods & string> {
  id: number;
  method: M;
  params: Methods[M]['params'];
}

/** The answer to one call: the result, or the refusal with its stable code (never folded into a message). */
export type BridgeReply = { type: 'reply'; id: number; ok: true; result: unknown } | { type: 'reply'; id: number; ok: false; error: BridgeError };

/** Agent → renderer. */
export type BridgeMessage<View> = { type: 'view'; view: StationView<View> } | BridgeReply;

/**
 * Renderer → agent, after each view it handled: the agent sends the next (the newest) then, or a
 * second later without it, so a slow screen is one view behind at most (see ViewPacer).
 */
export const VIEW_DRAWN = { type: 'viewed' } as const;

/**
 * What carries the bridge: the preload over IPC, or a WebSocket. It hands replies over as data,
 * so the error code survives Electron's context bridge (which keeps only an Error's message).
 */
export interface BridgeTransport<View> {
  onView(listener: (view: StationView<View>) => void): () => void;
  invoke(method: string, params: unknown): Promise<BridgeReply>;
}

/** The object a renderer uses, whichever transport carries it; a refused call throws with its code. */
export interface StationBridge<View, Methods extends MethodMap> {
  onView(listener: (view: StationView<View>) => void): () => void;
  call<M extends keyof Methods & string>(method: M, params: Methods[M]['params']): Promise<Methods[M]['result']>;
}

export const BRIDGE_PATH = '/bridge';

/** Electron IPC channels of the bridge, for the main process and the preload alike. */
export const IPC_CHANNELS = {
  /** invoke: the current view; send: each new one. */
  view: 'qms:view',
  /** invoke(method, params) → BridgeReply. */
  call: 'qms:call',
  /** send: the renderer drew the last view it was sent (VIEW_DRAWN over IPC). */
  viewed: 'qms:viewed',
} as const;

/** The key under which the preload exposes the transport: window.qmsStation. */
export const PRELOAD_KEY = 'qmsStation';

/**
 * The renderers' content security policy, the one copy: only their own files, their own bridge,
 * and the camera (no remote content). Sent as a header by the station's server and by Electron,
 * and written into each index.html at build.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** The same policy for a <meta> tag, where browsers ignore (and warn about) frame-ancestors. */
export const CONTENT_SECURITY_POLICY_META = CONTENT_SECURITY_POLICY.replace(" frame-ancestors 'none';", '');
