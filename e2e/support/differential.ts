/**
 * Differential runs: the same page in Chromium without the extension ("bare")
 * and with it ("extension"), and everything the page can see captured in a
 * comparable form. A difference between the two captures is a change the
 * extension made to the page, so nothing here may normalise away more than
 * what legitimately differs from one run to the next (times, tokens a server
 * issues at random).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { findChromium } from './chromium';
import { launchWithExtension, type Lab } from './extension';

export type ModeName = 'bare' | 'extension';

export interface Mode {
  name: ModeName;
  context: BrowserContext;
  /** Only in the extension mode. */
  lab?: Lab;
  close(): Promise<void>;
}

/** The flags of CHROMIUM-NOTES (the same as launchWithExtension's, without the extension). */
export const BARE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const VIEWPORT = { width: 1280, height: 900 };

/** Plain Chromium, no extension: what the page does on its own. */
export async function launchBare(): Promise<Mode> {
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: BARE_ARGS });
  const context = await browser.newContext({ viewport: VIEWPORT });
  return { name: 'bare', context, close: () => browser.close() };
}

/**
 * Plain Chromium on a profile kept on disk, as launchInstrumented's is: for
 * timing comparisons. An in-memory profile alone answers HTTP requests about
 * 300 µs faster (the network service does less per request), which would be
 * counted against the extension.
 */
export async function launchBareOnDisk(): Promise<Mode> {
  const profileDir = mkdtempSync(join(tmpdir(), 'refresh-lens-bare-'));
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: findChromium(), headless: true, args: BARE_ARGS, viewport: VIEWPORT });
  return {
    name: 'bare',
    context,
    close: async () => {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

export async function launchInstrumented(): Promise<Mode> {
  const lab = await launchWithExtension();
  return { name: 'extension', context: lab.context, lab, close: () => lab.close() };
}

/** Both browsers, launched one after the other (they are reused for a whole file). */
export async function launchBoth(): Promise<{ bare: Mode; extension: Mode; close(): Promise<void> }> {
  const bare = await launchBare();
  const extension = await launchInstrumented().catch(async (error: unknown) => {
    await bare.close();
    throw error;
  });
  return { bare, extension, close: async () => void (await Promise.allSettled([bare.close(), extension.close()])) };
}

/** What Playwright heard from the page besides what the page itself recorded. */
export interface Heard {
  /** Uncaught exceptions, as the browser reports them ("pageerror"). */
  pageErrors: string[];
  /** Every console message, `type: text`, in arrival order. */
  console: string[];
}

/** Opens a page and listens to its console and uncaught errors from the very start. */
export async function openListening(context: BrowserContext): Promise<{ page: Page; heard: Heard }> {
  const page = await context.newPage();
  const heard: Heard = { pageErrors: [], console: [] };
  page.on('pageerror', (error) => heard.pageErrors.push(`${error.name}: ${error.message}`));
  page.on('console', (message) => heard.console.push(`${message.type()}: ${message.text()}`));
  return { page, heard };
}

/** Polls `ready` until it holds (usable outside a test, unlike expect.poll). */
export async function pollUntil(ready: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Evidence that our page script really ran in this page (so that a "no
 * difference" is not vacuous), through what it documents: the opt-in
 * `window.__REFRESH_LENS__` hook, and the accessor on Function.prototype that
 * finds axios copies (src/inject/axios/README.md). Read outside the
 * compared capture.
 */
export function instrumentedHere(page: Page): Promise<{ pageScript: boolean; axiosHook: boolean }> {
  return page.evaluate(() => ({
    pageScript: Object.getOwnPropertyDescriptor(window, '__REFRESH_LENS__') !== undefined,
    axiosHook: Object.getOwnPropertyDescriptor(Function.prototype, 'Axios')?.set !== undefined,
  }));
}

// ---------------------------------------------------------------------------
// Normalisation: only what legitimately differs from one run to the next.

export const JWT_PATTERN = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;

/**
 * Names tokens by the order they were issued: `<jwt#1>` is the first token
 * the server gave out in this run, and so on. Tokens a run never registered
 * get the next free number when first met, so two different tokens never
 * share a name and a request that carried the old token still says so.
 */
export class TokenNames {
  private readonly names = new Map<string, string>();

  issue(token: string): void {
    if (!this.names.has(token)) this.names.set(token, `<jwt#${this.names.size + 1}>`);
  }

  replace(text: string): string {
    return text.replace(JWT_PATTERN, (token) => {
      this.issue(token);
      return this.names.get(token)!;
    });
  }
}

// ---------------------------------------------------------------------------
// A recording reverse proxy on loopback: what the server received, per request.

export interface Exchange {
  method: string;
  /** Path and query. */
  url: string;
  /** Header lines exactly as they arrived (names keep their case and order). */
  headers: Array<[string, string]>;
  requestBody: string;
  status: number;
  responseBody: string;
}

export interface RecordingProxy {
  url: string;
  /** Exchanges in the order their answers came back from the target. */
  readonly exchanges: Exchange[];
  reset(): void;
  close(): Promise<void>;
}

function collect(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export function headerPairs(raw: string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i], raw[i + 1]]);
  return pairs;
}

/** Destroys the open sockets of a server on close, so a hanging request cannot hold a test. */
export function closable(server: Server): () => Promise<void> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return () =>
    new Promise((done) => {
      server.close(() => done());
      for (const socket of sockets) socket.destroy();
    });
}

/**
 * Forwards every request to `target` (an origin) and records what arrived and
 * what went back. The page talks to the proxy's origin, so its cookies and
 * URLs are those of one origin in both modes.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const exchanges: Exchange[] = [];
  const to = new URL(target);
  const server = createServer(async (req, res) => {
    try {
      const requestBody = await collect(req);
      const upstream = httpRequest(
        { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
        async (answer) => {
          const body = await collect(answer);
          exchanges.push({
            method: req.method ?? 'GET',
            url: req.url ?? '/',
            headers: headerPairs(req.rawHeaders),
            requestBody: requestBody.toString('utf8'),
            status: answer.statusCode ?? 0,
            responseBody: /^(application\/json|text\/plain)/.test(answer.headers['content-type'] ?? '') ? body.toString('utf8') : `<${body.length} bytes>`,
          });
          if (res.destroyed) return;
          res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
          res.end(body);
        },
      );
      upstream.on('error', () => res.destroyed || res.writeHead(502).end());
      upstream.end(requestBody);
    } catch {
      res.destroy();
    }
  });
  const close = closable(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, exchanges, reset: () => void exchanges.splice(0), close };
}

/** A port on loopback that nothing listens on: connecting to it is refused at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/**
 * A line-by-line account of where two captures differ, for failure messages
 * and for the report (expect's diff of large objects is hard to read).
 */
export function differences(bare: unknown, extension: unknown, path = '$'): string[] {
  if (Object.is(bare, extension)) return [];
  const kind = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
  if (kind(bare) !== kind(extension) || (kind(bare) !== 'object' && kind(bare) !== 'array')) {
    return [`${path}: bare ${JSON.stringify(bare)} / extension ${JSON.stringify(extension)}`];
  }
  const out: string[] = [];
  if (Array.isArray(bare) && Array.isArray(extension)) {
    for (let i = 0; i < Math.max(bare.length, extension.length); i++) {
      if (i >= bare.length) out.push(`${path}[${i}]: only with the extension: ${JSON.stringify(extension[i])}`);
      else if (i >= extension.length) out.push(`${path}[${i}]: only without the extension: ${JSON.stringify(bare[i])}`);
      else out.push(...differences(bare[i], extension[i], `${path}[${i}]`));
    }
    return out;
  }
  const a = bare as Record<string, unknown>;
  const b = extension as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!(key in b)) out.push(`${path}.${key}: only without the extension: ${JSON.stringify(a[key])}`);
    else if (!(key in a)) out.push(`${path}.${key}: only with the extension: ${JSON.stringify(b[key])}`);
    else out.push(...differences(a[key], b[key], `${path}.${key}`));
  }
  return out;
}
