// BUG (stampede): every 401 starts its own refresh; nothing shares the promise.
// How a user sees it: the server rotates refresh tokens, so the first refresh
// spends the token and the refreshes sent with the same token get 401. The
// requests behind them fail and the user looks "randomly logged out", although
// one refresh worked. Refresh Lens: refresh-stampede.
import type { AxiosInstance } from 'axios';
import type { AuthDeps } from '../session';
import { attachToken, isUnauthorized } from './common';

export function installStampede(api: AxiosInstance, auth: AuthDeps): void {
  attachToken(api, auth);
  api.interceptors.response.use(undefined, async (error: unknown) => {
    if (!isUnauthorized(error) || error.config._retry) throw error;
    error.config._retry = true;
    auth.setToken(await auth.refresh()); // one refresh per 401: the bug
    return api.request(error.config);
  });
}
