import type { RequestConfigLike } from './types';

interface HeaderBag {
  set?: (name: string, value: string) => unknown;
  get?: (name: string) => unknown;
  [name: string]: unknown;
}

function bagOf(config: RequestConfigLike): HeaderBag {
  if (typeof config.headers !== 'object' || config.headers === null) config.headers = {};
  return config.headers as HeaderBag;
}

/** Sets a header on axios 1.x (AxiosHeaders) or 0.x (plain object) configs. */
export function setHeader(config: RequestConfigLike, name: string, value: string): void {
  const headers = bagOf(config);
  if (typeof headers.set === 'function') headers.set(name, value);
  else headers[name] = value;
}

export function getHeader(config: RequestConfigLike, name: string): string | undefined {
  const headers = bagOf(config);
  const value = typeof headers.get === 'function' ? headers.get(name) : headers[name];
  return typeof value === 'string' ? value : undefined;
}

export function bearer(config: RequestConfigLike, token: string): void {
  setHeader(config, 'Authorization', `Bearer ${token}`);
}
