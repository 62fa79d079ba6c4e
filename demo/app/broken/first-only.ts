// BUG (first only): only the request whose 401 started the refresh is
// replayed. A 401 that arrives while the refresh runs is passed on as an error
// ("a refresh is already running, give up"). How a user sees it: most of the
// page shows errors although the session was renewed a moment later.
// Refresh Lens: replay-missing.
import type { AxiosInstance } from 'axios';
import type { AuthDeps } from '../session';
import { attachToken, isUnauthorized } from './common';

export function installFirstOnly(api: AxiosInstance, auth: AuthDeps): void {
  let isRefreshing = false;

  attachToken(api, auth);
  api.interceptors.response.use(undefined, async (error: unknown) => {
    if (!isUnauthorized(error) || error.config._retry) throw error;
    if (isRefreshing) throw error; // the bug: this request is dropped, not queued
    error.config._retry = true;
    isRefreshing = true;
    try {
      auth.setToken(await auth.refresh());
      return api.request(error.config);
    } finally {
      isRefreshing = false;
    }
  });
}
