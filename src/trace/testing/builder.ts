/**
 * A small DSL for writing event streams by hand, the way the inject script
 * would record them. Times are offsets in ms from T0; `events()` turns them
 * into TabEvents with epoch times and per-session sequence numbers in time
 * order.
 *
 *   const b = new TraceBuilder();
 *   const old = b.jwt('old', { exp: -1000 });
 *   const a = b.axios('GET', '/api/a').enter(0).dispatch(0.2, old).respond(40, 401);
 */
import type { Headers, PageEvent, TabEvent, TokenRef, TokenStore, Transport } from '../../protocol';

export const T0 = 1_700_000_000_000;
export const ORIGIN = 'https://app.example';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Draft = DistributiveOmit<PageEvent, 'seq'>;

export class TraceBuilder {
  private drafts: Draft[] = [];
  private axiosCount = 0;
  private transportCount = 0;

  constructor(readonly session = 's1') {}

  /** A JWT fingerprint; `exp` and `iat` are offsets in ms from T0, turned into JWT seconds. */
  jwt(name: string, claims: { exp?: number; iat?: number; sub?: string } = {}): TokenRef {
    const ref: TokenRef = { fp: `fp-${name}`, kind: 'jwt' };
    if (claims.exp !== undefined) ref.exp = Math.floor((T0 + claims.exp) / 1000);
    if (claims.iat !== undefined) ref.iat = Math.floor((T0 + claims.iat) / 1000);
    if (claims.sub !== undefined) ref.sub = claims.sub;
    return ref;
  }

  opaque(name: string): TokenRef {
    return { fp: `fp-${name}`, kind: 'opaque' };
  }

  emit(draft: Draft): void {
    this.drafts.push({ ...draft, t: T0 + draft.t } as Draft);
  }

  page(t: number, url = `${ORIGIN}/`): this {
    this.emit({ type: 'page-start', t, url, readyState: 'loading' });
    return this;
  }

  instance(instanceId: string, label?: string): this {
    this.emit({ type: 'axios-instance', t: 0, instanceId, via: 'auto', version: '1.7.0', ...(label ? { label } : {}) });
    return this;
  }

  write(t: number, token: TokenRef, store: TokenStore = 'cookie', key = 'access_token'): this {
    this.emit({ type: 'token-write', t, store, key, op: 'set', token });
    return this;
  }

  reads(t: number, store: TokenStore = 'cookie', count = 1): this {
    this.emit({ type: 'token-reads', t, store, count });
    return this;
  }

  axios(method: string, path: string, opts: { instance?: string; replayOf?: AxiosCall; transport?: Transport } = {}): AxiosCall {
    const root = opts.replayOf?.root ?? opts.replayOf;
    const attempt = opts.replayOf ? opts.replayOf.attempt + 1 : 1;
    return new AxiosCall(this, `a${++this.axiosCount}`, method, path, opts.instance ?? 'api', opts.transport ?? 'xhr', root, attempt);
  }

  fetch(method: string, path: string): FetchCall {
    return new FetchCall(this, `f${++this.transportCount}`, method, path);
  }

  nextTransportId(): string {
    return `x${++this.transportCount}`;
  }

  /** Events in time order (insertion order breaks ties), with sequence numbers. */
  events(): TabEvent[] {
    const order = this.drafts.map((d, i) => ({ d, i })).sort((a, b) => a.d.t - b.d.t || a.i - b.i);
    return order.map(({ d }, seq) => ({ ...d, seq, session: this.session }) as TabEvent);
  }
}

export class AxiosCall {
  private transportId?: string;

  constructor(
    private readonly b: TraceBuilder,
    readonly axiosId: string,
    readonly method: string,
    readonly path: string,
    readonly instance: string,
    private readonly transport: Transport,
    readonly root: AxiosCall | undefined,
    readonly attempt: number,
  ) {}

  /** The id the model gives this request. */
  get id(): string {
    return `${this.b.session}:${this.axiosId}`;
  }

  private step(t: number, step: 'enter' | 'dispatch' | 'transport-end' | 'settle', extra: object = {}): void {
    this.b.emit({ type: 'axios-step', t, id: this.axiosId, instanceId: this.instance, step, method: this.method, url: this.path, ...extra });
  }

  enter(t: number): this {
    this.step(t, 'enter', this.root ? { replayOf: this.root.axiosId, attempt: this.attempt } : { attempt: 1 });
    return this;
  }

  /** The request interceptors finished and the adapter sends it (one transport call). */
  dispatch(t: number, token?: TokenRef): this {
    this.step(t, 'dispatch', token ? { token } : {});
    this.transportId = this.b.nextTransportId();
    const headers: Headers = token ? { authorization: token } : {};
    this.b.emit({
      type: 'request-start', t: t + 0.05, id: this.transportId, transport: this.transport, method: this.method,
      url: `${ORIGIN}${this.path}`, headers, ...(token ? { token } : {}), axiosId: this.axiosId,
    });
    return this;
  }

  /** The response arrived: the transport ends, then the adapter settles. */
  respond(t: number, status: number): this {
    if (this.transportId) this.b.emit({ type: 'request-end', t, id: this.transportId, status });
    this.step(t + 0.05, 'transport-end', { status, outcome: status >= 200 && status < 400 ? 'response' : 'error' });
    return this;
  }

  /** The caller's promise settled; `status` is what the caller got (a replay's, for an original). */
  settle(t: number, status?: number, outcome: 'response' | 'error' = status !== undefined && status < 400 ? 'response' : 'error'): this {
    this.step(t, 'settle', { outcome, ...(status !== undefined ? { status } : {}) });
    return this;
  }

  /** enter, dispatch 0.1 ms later, respond, and settle 0.1 ms after the response. */
  run(t: number, token: TokenRef | undefined, respondAt: number, status: number): this {
    return this.enter(t).dispatch(t + 0.1, token).respond(respondAt, status).settle(respondAt + 0.1, status);
  }
}

export class FetchCall {
  constructor(
    private readonly b: TraceBuilder,
    readonly transportId: string,
    readonly method: string,
    readonly path: string,
  ) {}

  get id(): string {
    return `${this.b.session}:${this.transportId}`;
  }

  start(t: number, token?: TokenRef, bodySize?: number): this {
    const headers: Record<string, string | TokenRef> = token ? { authorization: token } : {};
    if (bodySize !== undefined) headers['content-length'] = String(bodySize);
    this.b.emit({
      type: 'request-start', t, id: this.transportId, transport: 'fetch', method: this.method,
      url: `${ORIGIN}${this.path}`, headers, ...(token ? { token } : {}),
    });
    return this;
  }

  end(t: number, status: number, error?: 'network' | 'abort' | 'timeout'): this {
    this.b.emit({ type: 'request-end', t, id: this.transportId, status, ...(error ? { error } : {}) });
    return this;
  }
}
