/**
 * The page's network, as the browser sees it: how many http(s) requests are in
 * flight and when that last changed. Independent of the extension, so a
 * request our instrumentation missed still keeps the recording open.
 */
import type { BrowserContext, Request } from 'playwright-core';

/** The slice of a BrowserContext the watch listens to; tests pass an EventEmitter. */
export interface RequestSource {
  on(event: 'request' | 'requestfinished' | 'requestfailed', listener: (request: Request) => void): unknown;
}

export class NetworkWatch {
  private readonly inflight = new Set<Request>();
  /** When a request last started or ended, by `now()`. */
  lastChange: number;

  constructor(source: RequestSource | BrowserContext, private readonly now: () => number = Date.now) {
    this.lastChange = now();
    const s = source as RequestSource;
    s.on('request', (r) => this.change(r, true));
    s.on('requestfinished', (r) => this.change(r, false));
    s.on('requestfailed', (r) => this.change(r, false));
  }

  get inFlight(): number {
    return this.inflight.size;
  }

  private change(request: Request, started: boolean): void {
    // The extension's own pages and data: URLs are not the app's traffic.
    if (!/^https?:/.test(request.url())) return;
    if (started) this.inflight.add(request);
    else this.inflight.delete(request);
    this.lastChange = this.now();
  }
}
