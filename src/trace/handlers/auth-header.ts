import type { Headers, TokenRef } from '../../protocol';

/** The bearer token among sanitised headers: the Authorization header's TokenRef. */
export function authorizationToken(headers: Headers | undefined): TokenRef | undefined {
  if (!headers) return undefined;
  for (const name in headers) {
    const value = headers[name];
    if (typeof value !== 'string' && name.toLowerCase() === 'authorization') return value;
  }
  return undefined;
}
