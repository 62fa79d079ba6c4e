// Proactive token refresh: a request interceptor looks at the token's `exp`
// before sending. When it has expired, one refresh runs and every request
// waits for it, then goes out with the new token. No 401 round trip.
import { bearer } from './headers';
import { isJwtExpired } from './jwt';
import type { AxiosLike, RequestConfigLike, TokenOptions, Uninstall } from './types';

export interface ProactiveOptions extends TokenOptions {
  /**
   * Refresh this long before `exp`, for clock differences between client and
   * server and for the time the request spends in flight. Default 1000 ms.
   */
  clockSkewMs?: number;
  /** The clock, for tests. Default Date.now. */
  now?: () => number;
}

export function installProactiveRefresh(instance: AxiosLike, options: ProactiveOptions): Uninstall {
  const { refresh, getToken, setToken, applyToken = bearer, clockSkewMs = 1000, now = Date.now } = options;
  let refreshing: Promise<void> | null = null;

  function startRefresh(): Promise<void> {
    const run = Promise.resolve().then(refresh).then(setToken);
    // Cleared whatever the outcome, so the next expired request tries again.
    refreshing = run.finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  const id = instance.interceptors.request.use(async (config: RequestConfigLike) => {
    const current = getToken();
    // No token means no session: nothing to refresh, the server will answer.
    if (!refreshing && current && isJwtExpired(current, now(), clockSkewMs)) startRefresh();
    // Every request arriving while the refresh runs waits on the same promise;
    // if the refresh fails they all reject with its error.
    if (refreshing) await refreshing;
    const token = getToken();
    if (token) applyToken(config, token);
    return config;
  });

  return () => instance.interceptors.request.eject(id);
}
