import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../options';
import { matchesRefreshUrl } from './url-patterns';

describe('refresh URL patterns', () => {
  const { refreshUrlPatterns } = resolveOptions();
  const match = (url: string) => matchesRefreshUrl(url, refreshUrlPatterns);

  it('knows the usual refresh and OAuth token endpoints', () => {
    for (const url of [
      'https://x/auth/refresh', 'https://x/api/v1/refresh-token', 'https://x/token/refresh', 'https://x/refreshToken?x=1',
      'https://x/oauth/token', 'https://x/oauth2/v1/token', 'https://x/connect/token', 'https://x/realms/a/protocol/openid-connect/token',
      'https://x/api/access-token', 'https://x/login?grant_type=refresh_token',
    ]) expect(match(url), url).toBe(true);
  });

  it('leaves lookalikes alone', () => {
    for (const url of ['https://x/api/tokens', 'https://x/refreshments', 'https://x/api/tokenize', 'https://x/api/items?token=1', 'https://refresh.example/api/a']) {
      expect(match(url), url).toBe(false);
    }
  });

  it('takes extra patterns, or replaces the built-in ones', () => {
    expect(matchesRefreshUrl('https://x/session/renew', resolveOptions({ refreshUrlPatterns: [/\/session\/renew$/] }).refreshUrlPatterns)).toBe(true);
    expect(matchesRefreshUrl('https://x/auth/refresh', resolveOptions({ refreshUrlPatterns: [/renew/], keepDefaultRefreshPatterns: false }).refreshUrlPatterns)).toBe(false);
  });
});
