// BUG (out of order): the well-known "failed queue" interceptor. Requests that
// get 401 during the refresh queue up in the order their 401s come BACK, and
// the queue is replayed in that order. Answers that take different times come
// back in another order than the requests went out, so the replays are
// shuffled. How a user sees it: they chose the dark theme, then light; the two
// saves are replayed in reverse and the server keeps "dark".
// Refresh Lens: replay-out-of-order.
import type { AxiosInstance } from 'axios';
import type { AuthDeps } from '../session';
import { attachToken, isUnauthorized } from './common';

export function installOutOfOrder(api: AxiosInstance, auth: AuthDeps): void {
  let isRefreshing = false;
  let failedQueue: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  const processQueue = (error: unknown) => {
    for (const waiter of failedQueue) error ? waiter.reject(error) : waiter.resolve();
    failedQueue = [];
  };

  attachToken(api, auth);
  api.interceptors.response.use(undefined, async (error: unknown) => {
    if (!isUnauthorized(error) || error.config._retry) throw error;
    const original = error.config;
    original._retry = true;
    if (isRefreshing) {
      await new Promise<void>((resolve, reject) => failedQueue.push({ resolve, reject }));
      return api.request(original);
    }
    isRefreshing = true;
    try {
      auth.setToken(await auth.refresh());
      processQueue(null); // in the order the 401s arrived: the bug
      return api.request(original);
    } catch (refreshError) {
      processQueue(refreshError);
      throw refreshError;
    } finally {
      isRefreshing = false;
    }
  });
}
