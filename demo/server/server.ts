// The demo's auth API and static file server, on Node's http module only.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApi } from './api';
import { AuthService } from './auth';
import { delay, HttpError, intParam, readJsonBody, sendJson } from './http-util';
import { serveStatic } from './static';
import { SessionStore } from './store';

export interface DemoServerOptions {
  /** 0 picks any free port (tests). Default 0. */
  port?: number;
  /** Default 127.0.0.1; the demo never listens on other interfaces. */
  host?: string;
  /** Default lifetime of access tokens. Default 5000 ms. */
  tokenLifetimeMs?: number;
  /** Delay before every API answer; `?latency=N` on a request overrides it. Default 150 ms. */
  latencyMs?: number;
  /** The built demo app. Default demo/dist. */
  distDir?: string;
  /** No request log on stdout. */
  quiet?: boolean;
}

export interface DemoServer {
  /** The origin, without a trailing slash: `http://127.0.0.1:5178`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_DIST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');
const MAX_LATENCY_MS = 10_000;

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const { port = 0, host = '127.0.0.1', tokenLifetimeMs = 5000, latencyMs = 150, distDir = DEFAULT_DIST_DIR, quiet = false } = options;
  const api = createApi({ auth: new AuthService(tokenLifetimeMs), store: new SessionStore() });

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const started = Date.now();
    let result;
    try {
      const body = req.method === 'GET' || req.method === 'HEAD' ? {} : await readJsonBody(req);
      result = api(req.method ?? 'GET', url, body, req.headers.authorization);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      result = { status: error.status, body: { error: error.code } };
    }
    await delay(intParam(url, 'latency', MAX_LATENCY_MS) ?? latencyMs);
    if (res.destroyed) return; // the page went away or aborted the request
    sendJson(res, result.status, result.body, result.headers);
    if (!quiet) {
      // Path and query only: tokens travel in headers and bodies, never logged.
      const note = result.note ? ` (${result.note})` : '';
      console.log(`${req.method} ${url.pathname}${url.search} -> ${result.status}${note} ${Date.now() - started}ms`);
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    const work = url.pathname.startsWith('/api/')
      ? handleApi(req, res, url)
      : Promise.resolve(serveStatic(res, distDir, url.pathname, req.method ?? 'GET'));
    work.catch((error: unknown) => {
      console.error('demo server error:', error);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
      else res.destroy();
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolveListen());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        server.closeAllConnections(); // keep-alive sockets would hold close() open
      }),
  };
}
