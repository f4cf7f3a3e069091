import { createReadStream, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import type { BridgeDispatcher, ViewSource } from './bridge-dispatcher.js';
import { stationFile } from './station-files.js';
import { BRIDGE_ERRORS, BRIDGE_PATH, type BridgeMessage, CONTENT_SECURITY_POLICY, type MethodMap, type StationView, VIEW_DRAWN } from './contract.js';
import { ViewPacer } from './view-pacer.js';

export interface BridgeServerOptions<View, Methods extends MethodMap> {
  /** The built renderer (index.html and its assets). */
  rendererDir: string;
  /** Other folders served read-only under a URL path ('/voice/custom/' → a folder). */
  mounts?: Record<string, string>;
  port: number;
  /** Loopback by default: the screen is on this machine. */
  host?: string;
  source: ViewSource<View>;
  dispatcher: BridgeDispatcher<Methods>;
  /** Documents the agent made for its screen (a receipt's PDF), served under /documents/NAME. */
  documents?: StationDocuments;
}

/** Where station documents are served: the screen opens {station}/documents/NAME in a new window. */
export const DOCUMENTS_PATH = '/documents/';

/**
 * Documents an agent keeps in memory for its screen to open (the counter's A4 receipt PDF): by an
 * unguessable name, null when unknown or forgotten. Served without caching.
 */
export interface StationDocuments {
  get(name: string): { type: string; body: Buffer } | null;
}

/**
 * Serves a station's renderer to a browser on this machine (Chromium in kiosk mode) and carries
 * the bridge over a WebSocket at /bridge: the view on every change (paced: the next once the page
 * drew the last), and the renderer's calls. A page of another origin cannot connect (Origin is checked).
 */
export class BridgeServer<View, Methods extends MethodMap> {
  private server: Server | undefined;
  private readonly sockets = new Map<WebSocket, ViewPacer<StationView<View>>>();

  constructor(private readonly options: BridgeServerOptions<View, Methods>) {}

  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? this.options.port;
  }

  async listen(): Promise<number> {
    if (!existsSync(join(this.options.rendererDir, 'index.html'))) {
      throw new Error(`the station's screen is not built (${this.options.rendererDir}/index.html is missing): run npm run build`);
    }
    const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
    const server = createServer((request, response) => this.serveFile(request, response));
    server.on('upgrade', (request, socket, head) => {
      const url = new URL(request.url ?? '/', 'http://station');
      if (url.pathname !== BRIDGE_PATH || !this.sameOrigin(request)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => this.attach(ws));
    });
    this.options.source.on('view', () => {
      for (const pacer of this.sockets.values()) pacer.changed();
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host ?? '127.0.0.1', () => resolve());
    });
    return this.port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets.keys()) socket.terminate();
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections(); // keep-alive connections of the browser would hold close() open
    await closed;
  }

  private sameOrigin(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    // Electron and command-line clients send no Origin; a browser always does.
    if (origin === undefined) return true;
    return origin === `http://${request.headers.host ?? ''}`;
  }

  private attach(ws: WebSocket): void {
    const pacer = new ViewPacer(
      () => this.options.source.view(),
      (view) => this.send(ws, { type: 'view', view }),
    );
    this.sockets.set(ws, pacer);
    ws.on('close', () => {
      pacer.stop();
      this.sockets.delete(ws);
    });
    ws.on('error', () => ws.terminate());
    pacer.changed();
    ws.on('message', (data) => {
      let request: { type?: unknown; id?: unknown; method?: unknown; params?: unknown };
      try {
        request = JSON.parse(String(data)) as typeof request;
      } catch {
        return this.send(ws, { type: 'reply', id: -1, ok: false, error: { code: BRIDGE_ERRORS.malformed, message: 'the bridge takes JSON messages' } });
      }
      if (request?.type === VIEW_DRAWN.type) return pacer.drawn();
      void this.options.dispatcher.handle(request).then((reply) => this.send(ws, reply));
    });
  }

  private send(ws: WebSocket, message: BridgeMessage<View>): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  }

  private serveFile(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://station').pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    if (pathname.startsWith(DOCUMENTS_PATH)) return this.serveDocument(request, response, pathname.slice(DOCUMENTS_PATH.length));
    const found = stationFile(pathname, this.options.rendererDir, this.options.mounts);
    if (found.status !== 200) {
      response.writeHead(found.status).end();
      return;
    }
    response.writeHead(200, {
      'content-type': found.type,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': found.index ? 'no-store' : 'max-age=86400',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(found.file).pipe(response);
  }

  private serveDocument(request: IncomingMessage, response: ServerResponse, name: string): void {
    const document = this.options.documents?.get(name) ?? null;
    if (!document) {
      response.writeHead(404, { 'cache-control': 'no-store' }).end();
      return;
    }
    response.writeHead(200, { 'content-type': document.type, 'content-length': document.body.length, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : document.body);
  }
}
