import axios from 'axios';
import axios027 from 'axios-0.27';
import { describe, expect, it, vi } from 'vitest';
import { createFakeBackend, fakeJwt } from './fake-backend';
import { isJwtExpired } from './jwt';
import { installProactiveRefresh } from './proactive';
import type { AxiosLike } from './types';

const NOW = 1_700_000_000_000;
const expiredJwt = fakeJwt(NOW / 1000 - 1);
const freshJwt = fakeJwt(NOW / 1000 + 60);

type Http = AxiosLike & { get(url: string): Promise<{ data: { url: string; token: string } }> };

function setup(http: (config: object) => Http, token: string, clockSkewMs?: number) {
  const backend = createFakeBackend();
  backend.clientToken = token;
  // The refreshed token is a JWT too, valid for a minute.
  const refresh = () => backend.refresh().then(() => (backend.validToken = fakeJwt(NOW / 1000 + 60, 'refreshed')));
  const instance = http({ adapter: backend.adapter });
  installProactiveRefresh(instance, { ...backend.tokenOptions(), refresh, now: () => NOW, clockSkewMs });
  return { backend, instance };
}

describe('proactive refresh', () => {
  it.each([
    ['axios 1.x', (c: object) => axios.create(c) as never],
    ['axios 0.27', (c: object) => axios027.create(c) as never],
  ])('with %s, holds every request behind one refresh when the token has expired', async (_name, create) => {
    const { backend, instance } = setup(create, expiredJwt);
    const results = await Promise.all(['/a', '/b', '/c'].map((url) => instance.get(url)));
    expect(backend.refreshes).toBe(1);
    // Nothing left before the refresh finished; all went out with the new token, in call order, no 401.
    expect(backend.urls()).toEqual(['/a', '/b', '/c']);
    expect(new Set(backend.calls.map((c) => c.token))).toEqual(new Set([backend.validToken]));
    expect(results.map((r) => r.data.url)).toEqual(['/a', '/b', '/c']);
  });

  it('sends at once, without a refresh, while the token is valid', async () => {
    const { backend, instance } = setup((c) => axios.create(c) as never, freshJwt);
    backend.validToken = freshJwt;
    await instance.get('/a');
    expect(backend.refreshes).toBe(0);
    expect(backend.calls[0]!.token).toBe(freshJwt);
  });

  it('refreshes a token that expires within the clock skew', async () => {
    const { backend, instance } = setup((c) => axios.create(c) as never, fakeJwt(NOW / 1000 + 10), 30_000);
    await instance.get('/a');
    expect(backend.refreshes).toBe(1);
  });

  it('rejects every waiting request when the refresh fails, and sends none', async () => {
    const { backend, instance } = setup((c) => axios.create(c) as never, expiredJwt);
    backend.failRefresh = true;
    backend.holdRefresh = true;
    const pending = ['/a', '/b', '/c'].map((url) => instance.get(url));
    await vi.waitFor(() => expect(backend.pendingRefresh).toHaveLength(1));
    const late = instance.get('/d');
    backend.finishRefresh();
    const outcomes = await Promise.allSettled([...pending, late]);
    expect(outcomes.every((o) => o.status === 'rejected' && o.reason.message === 'refresh failed')).toBe(true);
    expect(backend.refreshes).toBe(1);
    expect(backend.calls).toHaveLength(0);
  });
});

describe('isJwtExpired', () => {
  it('reads exp and applies the skew; unreadable tokens are not expired', () => {
    expect(isJwtExpired(expiredJwt, NOW)).toBe(true);
    expect(isJwtExpired(freshJwt, NOW)).toBe(false);
    expect(isJwtExpired(freshJwt, NOW, 61_000)).toBe(true);
    expect(isJwtExpired('opaque-token', NOW)).toBe(false);
  });
});
