/** The state of one axios call while its steps are reported (tracker.ts). */
import type { Instance } from './registry';
import type { Lineage } from './replay';
import type { Loan } from './lent-adapter';

type Bag = Record<string, unknown>;

export interface Call {
  id: string;
  /** n of an id CALL_ID_PREFIX + n (wire-format.ts callNumber), else 0. */
  n: number;
  instanceId: string;
  t0: number;
  lineage: Lineage;
  /** Attempt number within the lineage, counted when the call entered. */
  attempt: number;
  entered: boolean;
  /** The managers whose next forEach builds this call's chain; cleared once used. */
  reqMgr?: unknown;
  resMgr?: unknown;
  /** The merged config, as the first request interceptor receives it. */
  config?: Bag;
  /** The URL computed for 'enter' and what it was computed from, reused at dispatch when unchanged. */
  url?: string;
  /** The method and URL the 'enter' event carried. */
  shownMethod?: string;
  shownUrl?: string;
  fromUrl?: unknown;
  fromBase?: unknown;
  fromAllow?: unknown;
  /** Request interceptors axios kept for this call, and how many of them have run (request-side.ts). */
  kept: number;
  ran: number;
  /**
   * Request handlers axios kept, counted in the order it read them (0.x
   * chains them in reverse), and the first of them with a `fulfilled` /
   * `rejected` function (-1: none): which handler's outcome is the one
   * dispatchRequest gets (lent-adapter.ts).
   */
  reads: number;
  firstFulfilled: number;
  firstRejected: number;
  /** Every request interceptor kept is `synchronous`: axios runs them and dispatchRequest inside the call. */
  syncMode: boolean;
  /**
   * axios 0.x: `request` hands the caller its chain's last promise, and in
   * synchronous mode returns early (skipping the response interceptors) when
   * dispatchRequest throws; the adapter lent for the dispatch tells
   * (lent-adapter.ts). A copy without VERSION is 0.x before 0.22.
   */
  legacy: boolean;
  /** Entered through the request wrapper (else a hand-registered instance's chain started it). */
  viaWrapper: boolean;
  /** axios 1.x: our `_request` wrapper serves this call, and can watch the promise axios awaits (inner-request-hook.ts). */
  inner: boolean;
  /** The response side offered stand-ins that report settle (response-side.ts). */
  responseWatched: boolean;
  /** axios before 0.21.2: no runWhen (so no probe) and no synchronous mode (Copy.early). */
  early: boolean;
  /** Early axios: the config it will merge, as far as the events need it (request-info.ts requestedConfig). */
  requested?: Bag;
  /** 0.x: the stand-in adapter lent to the config dispatchRequest receives (lent-adapter.ts). */
  loan?: Loan;
  /**
   * 0.x, asynchronous mode, no response interceptor: the request handler
   * whose outcome dispatchRequest gets lends the adapter (lent-adapter.ts);
   * cleared once it has.
   */
  lendLater: boolean;
  /** The promise axios returned to the caller (lendLater calls only). */
  caller?: unknown;
  /** The config handed to dispatchRequest. */
  sent?: unknown;
  dispatched: boolean;
  transportEnded: boolean;
  settled: boolean;
}

/** Which side of a call's chain axios is collecting. */
export type Side = 'request' | 'response';

export function newCall(id: string, n: number, instance: Instance, lineage: Lineage, t0: number, viaWrapper: boolean): Call {
  const legacy = instance.copy.legacy;
  // Every field written at once, so that all calls share one object shape.
  return {
    id, n, instanceId: instance.id, t0, lineage, attempt: lineage.attempts, entered: false, reqMgr: undefined, resMgr: undefined, config: undefined,
    url: undefined, shownMethod: undefined, shownUrl: undefined, fromUrl: undefined, fromBase: undefined, fromAllow: undefined, kept: 0, ran: 0, reads: 0, firstFulfilled: -1, firstRejected: -1,
    syncMode: true, legacy, early: instance.copy.early, requested: undefined, viaWrapper, inner: false, responseWatched: false, loan: undefined, lendLater: false, caller: undefined, sent: undefined, dispatched: false, transportEnded: false, settled: false,
  };
}
