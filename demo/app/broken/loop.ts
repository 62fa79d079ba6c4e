// BUG (401 loop): no retry guard. The refresh is shared and a 401 from an old
// token is simply replayed, all correct; but nothing marks a replay, so a 401
// that a refresh cannot fix (the server answers /api/reports with 401 for a
// permission problem) is refreshed and replayed again and again. How a user
// sees it: a request that never finishes while the Network panel fills with
// refresh calls. Refresh Lens: retry-loop.
import type { AxiosInstance } from 'axios';
import type { AuthDeps } from '../session';
import { attachToken, isUnauthorized, type RetryConfig } from './common';

/**
 * The real bug never stops. The demo gives up after this many replays of one
 * request (5 attempts in all), so the browser does not spin forever.
 */
export const DEMO_MAX_REPLAYS = 4;

type CountedConfig = RetryConfig & { _demoReplays?: number };

export function installLoop(api: AxiosInstance, auth: AuthDeps): void {
  let refreshing: Promise<void> | null = null;

  attachToken(api, auth);
  api.interceptors.response.use(undefined, async (error: unknown) => {
    if (!isUnauthorized(error)) throw error;
    const config: CountedConfig = error.config;
    const replays = (config._demoReplays ?? 0) + 1;
    if (replays > DEMO_MAX_REPLAYS) throw new Error(`gave up after ${DEMO_MAX_REPLAYS} replays (demo cap; the real bug never stops)`);
    config._demoReplays = replays;
    // Refresh only when the request carried the current token; otherwise a refresh already replaced it.
    if (config.headers.get('Authorization') === `Bearer ${auth.getToken()}`) {
      refreshing ??= auth.refresh().then(auth.setToken).finally(() => (refreshing = null));
    }
    await refreshing;
    return api.request(config);
  });
}
