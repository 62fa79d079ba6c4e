/**
 * URLs that name a token endpoint. Matched on the path and query (the origin
 * is left out, so a host named refresh.example does not count), so a query
 * such as `grant_type=refresh_token` counts; path segments are matched whole
 * so `/api/tokens` or `/refreshments` do not.
 */
export const defaultRefreshPatterns: readonly RegExp[] = [
  // /refresh, /auth/refresh, /refresh-token, /token/refresh, /refreshToken
  /\/[^/?#]*refresh(?:[-_]?token)?(?:[/?#.]|$)/i,
  // /token, /oauth/token, /oauth2/v1/token, /connect/token, /protocol/openid-connect/token
  /\/(?:access[-_]?)?token(?:[/?#.]|$)/i,
  /[?&]grant_type=refresh_token(?:&|$)/i,
];

export function matchesRefreshUrl(url: string, patterns: readonly RegExp[]): boolean {
  const pathAndQuery = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  for (const p of patterns) {
    p.lastIndex = 0;
    if (p.test(pathAndQuery)) return true;
  }
  return false;
}
