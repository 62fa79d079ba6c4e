// BUG (stranded requests): the same "failed queue" interceptor, but when the
// refresh fails it only rejects the request that started it and forgets the
// queue. How a user sees it: spinners that never stop; nothing errors, nothing
// retries, the page just waits forever. Refresh Lens: request-stranded (and
// refresh-failed for the refresh itself).
import type { AxiosInstance } from 'axios';
import type { AuthDeps } from '../session';
import { attachToken, isUnauthorized } from './common';

export interface Stranding {
  /** How many requests wait in the queue of a refresh that has already failed. */
  stranded(): number;
}

export function installRefreshFails(api: AxiosInstance, auth: AuthDeps): Stranding {
  let isRefreshing = false;
  let refreshFailed = false;
  const failedQueue: Array<() => void> = [];

  attachToken(api, auth);
  api.interceptors.response.use(undefined, async (error: unknown) => {
    if (!isUnauthorized(error) || error.config._retry) throw error;
    const original = error.config;
    original._retry = true;
    if (isRefreshing) {
      await new Promise<void>((resolve) => failedQueue.push(resolve));
      return api.request(original);
    }
    isRefreshing = true;
    try {
      auth.setToken(await auth.refresh());
      failedQueue.splice(0).forEach((resume) => resume());
      return api.request(original);
    } catch (refreshError) {
      refreshFailed = true;
      throw refreshError; // the bug: failedQueue is never rejected
    } finally {
      isRefreshing = false;
    }
  });
  // Only for the demo's status line, so a run knows it has reached the point where nothing more will happen.
  return { stranded: () => (refreshFailed ? failedQueue.length : 0) };
}
