// The app's axios instances and the logging interceptors that fill the log.
import axios, { type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';
import { RequestLog, type LogEntry } from './log';

export const requestLog = new RequestLog(document.querySelector<HTMLElement>('[data-testid="request-log"]')!);

function pathAndQuery(url: string | undefined): string {
  const parsed = new URL(url ?? '', location.href);
  return parsed.pathname + parsed.search;
}

/**
 * Logs what actually goes out. Install it before any other interceptor: axios
 * runs request interceptors last-added first, so this one runs last, after an
 * auth interceptor has held the request or set its token; response
 * interceptors run first-added first, so this one sees the raw status.
 */
export function installLogging(instance: AxiosInstance, log = requestLog): void {
  const entries = new WeakMap<object, LogEntry>();
  const settle = (config: object | undefined, status: number | 'error') => {
    const entry = config ? entries.get(config) : undefined;
    if (entry) log.settled(entry, status);
  };
  instance.interceptors.request.use((config: InternalAxiosRequestConfig) => {
    entries.set(config, log.sent((config.method ?? 'get').toUpperCase(), pathAndQuery(config.url)));
    return config;
  });
  instance.interceptors.response.use(
    (response) => {
      settle(response.config, response.status);
      return response;
    },
    (error: { config?: object; response?: { status: number } }) => {
      settle(error?.config, error?.response?.status ?? 'error');
      return Promise.reject(error);
    },
  );
}

// The default export serves the first request of the page (see main.ts).
installLogging(axios);

/** For calls that need no access token: login and refresh. */
export const publicHttp = axios.create();
installLogging(publicHttp);

/** A fresh instance per run, so interceptors of one scenario never leak into the next. */
export function createApiInstance(): AxiosInstance {
  const api = axios.create();
  installLogging(api);
  return api;
}
