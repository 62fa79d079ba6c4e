// Reactive token refresh: a response interceptor sees the 401, one refresh runs
// for all of them, then every failed request is replayed in the order the
// originals were sent, each at most once.
import { bearer } from './headers';
import type { AxiosErrorLike, AxiosLike, RequestConfigLike, TokenOptions, Uninstall } from './types';

export interface ReactiveOptions extends TokenOptions {
  /** Which errors mean "the token is no good". Default: HTTP 401. */
  isAuthError?: (error: AxiosErrorLike) => boolean;
  /**
   * Replays wait for older requests still in flight with the stale token (they
   * will 401 too, and must be replayed first). This bounds that wait. Default 2000 ms.
   */
  maxOrderWaitMs?: number;
}

/**
 * Marks a config that is a replay. A property, not a WeakSet, because axios
 * merges the config we pass back into a new object; merging keeps own keys.
 */
export const RETRIED = '_authRetried';

interface Sent {
  seq: number;
  /** How many refreshes had started when it was sent: says which token it carried. */
  epoch: number;
}

interface Waiter {
  seq: number;
  config: RequestConfigLike;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

export function installReactiveRefresh(instance: AxiosLike, options: ReactiveOptions): Uninstall {
  const { refresh, getToken, setToken, applyToken = bearer, maxOrderWaitMs = 2000 } = options;
  const isAuthError = options.isAuthError ?? ((error) => error.response?.status === 401);

  let epoch = 0;
  let refreshing: Promise<void> | null = null;
  let lastRefresh: { ok: true } | { ok: false; error: unknown } = { ok: true };
  let nextSeq = 0;
  let orderWaitTimer: ReturnType<typeof setTimeout> | undefined;
  const sent = new WeakMap<object, Sent>();
  const inFlight = new Map<number, number>(); // seq -> epoch
  const queue: Waiter[] = [];

  function startRefresh(): void {
    epoch += 1;
    const run = Promise.resolve().then(refresh).then(setToken);
    refreshing = run;
    run.then(
      () => (lastRefresh = { ok: true }),
      (error: unknown) => (lastRefresh = { ok: false, error }),
    ).finally(() => {
      refreshing = null;
      flush(false);
    });
  }

  function flush(ignoreOrder: boolean): void {
    if (refreshing) return;
    if (!lastRefresh.ok) {
      // A failed refresh rejects every waiter: nothing may be left pending.
      for (const waiter of queue.splice(0)) waiter.reject(lastRefresh.error);
    } else if (queue.length > 0) {
      queue.sort((a, b) => a.seq - b.seq);
      const blocker = ignoreOrder ? Infinity : oldestStaleInFlight();
      const cut = queue.findIndex((waiter) => waiter.seq > blocker);
      for (const waiter of queue.splice(0, cut === -1 ? queue.length : cut)) {
        waiter.config[RETRIED] = true;
        // The same config object goes back to axios: that is what ties a replay to its original.
        instance.request(waiter.config).then(waiter.resolve, waiter.reject);
      }
    }
    if (queue.length === 0) {
      clearTimeout(orderWaitTimer);
      orderWaitTimer = undefined;
    } else if (orderWaitTimer === undefined) {
      orderWaitTimer = setTimeout(() => {
        orderWaitTimer = undefined;
        flush(true);
      }, maxOrderWaitMs);
    }
  }

  /**
   * Requests sent with a token older than the latest refresh and still in
   * flight will most likely come back 401 too. Replaying the queue before they
   * do would send their replays after later requests' replays.
   */
  function oldestStaleInFlight(): number {
    let oldest = Infinity;
    for (const [seq, sentEpoch] of inFlight) if (sentEpoch < epoch) oldest = Math.min(oldest, seq);
    return oldest;
  }

  function settled(config: RequestConfigLike | undefined): Sent | undefined {
    const info = config ? sent.get(config) : undefined;
    if (info) inFlight.delete(info.seq);
    return info;
  }

  const requestId = instance.interceptors.request.use(async (config: RequestConfigLike) => {
    // A request made while a refresh runs waits for it instead of using the old token.
    if (refreshing) await refreshing;
    const token = getToken();
    if (token) applyToken(config, token);
    const info = { seq: nextSeq++, epoch };
    sent.set(config, info);
    inFlight.set(info.seq, info.epoch);
    return config;
  });

  const responseId = instance.interceptors.response.use(
    (response: { config?: RequestConfigLike }) => {
      settled(response.config);
      flush(false);
      return response;
    },
    (error: AxiosErrorLike) => {
      const config = error?.config;
      const info = settled(config);
      if (!config || !isAuthError(error) || config[RETRIED]) {
        // Not ours to fix, or a replay that failed again: no second replay, no loop.
        flush(false);
        return Promise.reject(error);
      }
      // Only a 401 for the newest token starts a refresh; one sent before the
      // latest refresh began just waits for that refresh's outcome.
      if ((info?.epoch ?? epoch) === epoch && !refreshing) startRefresh();
      return new Promise((resolve, reject) => {
        queue.push({ seq: info?.seq ?? nextSeq++, config, resolve, reject });
        flush(false);
      });
    },
  );

  return () => {
    instance.interceptors.request.eject(requestId);
    instance.interceptors.response.eject(responseId);
    clearTimeout(orderWaitTimer);
  };
}
