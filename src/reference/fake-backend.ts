// Test support (not shipped): a fake axios adapter acting as an auth server,
// with requests that can be held and answered in any order, and a refresh that
// can be held or failed. No network.
import { getHeader } from './headers';
import type { RequestConfigLike } from './types';

export interface Call {
  method: string;
  url: string;
  /** The bearer token the request carried. */
  token: string | undefined;
  config: RequestConfigLike;
  /** Sends the answer decided on arrival (200 for the current token, else 401). */
  release(): void;
}

/** An unsigned JWT with the given `exp` (seconds): enough for client-side checks. */
export function fakeJwt(exp: number, sub = 'user'): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub, exp, iat: exp - 60 })}.sig`;
}

export interface FakeBackendOptions {
  /** Hold every answer until the test calls `release()` on the call. */
  hold?: boolean;
  /** A fixed status for some URLs, whatever the token (e.g. a 401 a refresh cannot fix). */
  statusFor?: (url: string) => number | undefined;
}

export class FakeBackend {
  readonly calls: Call[] = [];
  refreshes = 0;
  /** When set, refresh() waits until `finishRefresh()`. */
  holdRefresh = false;
  failRefresh = false;
  /** The token the server accepts; `refresh()` moves on to a new one. */
  validToken = 'token-0';
  clientToken: string | undefined = 'token-stale';
  readonly pendingRefresh: Array<() => void> = [];
  private generation = 0;

  constructor(private readonly options: FakeBackendOptions = {}) {}

  /** Pass as `adapter` in the axios config. */
  readonly adapter = (config: RequestConfigLike): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const token = getHeader(config, 'Authorization')?.replace(/^Bearer /, '');
      // Decided on arrival, as a server would.
      const status = this.options.statusFor?.(config.url ?? '') ?? (token === this.validToken ? 200 : 401);
      const answer = () => {
        const response = { data: { url: config.url, token }, status, statusText: String(status), headers: {}, config, request: {} };
        if (status === 200) resolve(response);
        else reject(Object.assign(new Error(`Request failed with status code ${status}`), { config, response, isAxiosError: true }));
      };
      this.calls.push({ method: String(config.method), url: config.url ?? '', token, config, release: answer });
      if (!this.options.hold) queueMicrotask(answer);
    });

  refresh(): Promise<string> {
    this.refreshes += 1;
    return new Promise((resolve, reject) => {
      const finish = () => {
        if (this.failRefresh) return reject(new Error('refresh failed'));
        this.validToken = `token-${++this.generation}`;
        resolve(this.validToken);
      };
      if (this.holdRefresh) this.pendingRefresh.push(finish);
      else queueMicrotask(finish);
    });
  }

  finishRefresh(): void {
    for (const finish of this.pendingRefresh.splice(0)) finish();
  }

  /** The options both interceptors take, wired to this backend. */
  tokenOptions() {
    return {
      refresh: () => this.refresh(),
      getToken: () => this.clientToken,
      setToken: (token: string) => {
        this.clientToken = token;
      },
    };
  }

  urls(calls: Call[] = this.calls): string[] {
    return calls.map((c) => c.url);
  }
}

export const createFakeBackend = (options?: FakeBackendOptions) => new FakeBackend(options);
