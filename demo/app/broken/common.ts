// The parts the broken interceptors share and get right: every request reads
// the token from the cookie, just before it is sent.
import type { AxiosError, AxiosInstance, InternalAxiosRequestConfig } from 'axios';
import type { AuthDeps } from '../session';

/** The classic flag that marks a replay. */
export type RetryConfig = InternalAxiosRequestConfig & { _retry?: boolean };

export function attachToken(api: AxiosInstance, auth: AuthDeps): void {
  api.interceptors.request.use((config) => {
    const token = auth.getToken();
    if (token) config.headers.set('Authorization', `Bearer ${token}`);
    return config;
  });
}

export function isUnauthorized(error: unknown): error is AxiosError & { config: RetryConfig } {
  const e = error as AxiosError | undefined;
  return e?.response?.status === 401 && e.config !== undefined;
}
