import axios from 'axios';
import axios027 from 'axios-0.27';
import { describe, expect, it, vi } from 'vitest';
import { createFakeBackend, type FakeBackendOptions } from './fake-backend';
import { installReactiveRefresh, RETRIED } from './reactive';
import type { AxiosLike } from './types';

type Create = (config: object) => AxiosLike & { get(url: string): Promise<{ data: { url: string; token: string } }> };
const versions: Array<[string, Create]> = [
  ['axios 1.x', (config) => axios.create(config) as never],
  ['axios 0.27', (config) => axios027.create(config) as never],
];

/** Lets every pending promise callback run; not a sleep. */
const drainMicrotasks = () => new Promise((resolve) => setImmediate(resolve));

function setup(create: Create, backendOptions: FakeBackendOptions = {}, maxOrderWaitMs?: number) {
  const backend = createFakeBackend(backendOptions);
  const http = create({ adapter: backend.adapter });
  const uninstall = installReactiveRefresh(http, { ...backend.tokenOptions(), maxOrderWaitMs });
  return { backend, http, uninstall };
}

describe.each(versions)('reactive refresh with %s', (_name, create) => {
  it('runs one refresh for concurrent 401s and replays in the order the originals were sent', async () => {
    const { backend, http } = setup(create, { hold: true });
    const replay = vi.spyOn(http, 'request');
    const results = ['/a', '/b', '/c', '/d'].map((url) => http.get(url));
    await vi.waitFor(() => expect(backend.calls).toHaveLength(4));
    const originals = [...backend.calls];
    // The 401s come back in another order than the requests went out. /c's
    // starts the refresh, which finishes before the others have answered.
    originals[2]!.release();
    await vi.waitFor(() => expect(backend.validToken).toBe('token-1'));
    for (const i of [3, 1]) {
      await drainMicrotasks();
      expect(backend.calls).toHaveLength(4); // /a, sent first, has not come back yet
      originals[i]!.release();
    }
    await drainMicrotasks();
    expect(backend.calls).toHaveLength(4);
    originals[0]!.release();
    await vi.waitFor(() => expect(backend.calls).toHaveLength(8));

    expect(backend.refreshes).toBe(1);
    const replays = backend.calls.slice(4);
    expect(backend.urls(replays)).toEqual(['/a', '/b', '/c', '/d']);
    expect(replays.map((c) => c.token)).toEqual(Array(4).fill('token-1'));
    // Each replay passes the original's own config object back to axios, marked as a replay.
    expect(replay.mock.calls.map(([config]) => config)).toEqual(originals.map((c) => c.config));
    replay.mock.calls.forEach(([config], i) => expect(config).toBe(originals[i]!.config));
    expect(replays.every((c) => c.config[RETRIED] === true)).toBe(true);

    for (const call of replays) call.release();
    const responses = await Promise.all(results);
    expect(responses.map((r) => r.data)).toEqual(['/a', '/b', '/c', '/d'].map((url) => ({ url, token: 'token-1' })));
  });

  it('rejects every waiter when the refresh fails, including requests held during it', async () => {
    const { backend, http } = setup(create);
    backend.holdRefresh = true;
    backend.failRefresh = true;
    const expired = ['/a', '/b', '/c'].map((url) => http.get(url));
    await vi.waitFor(() => expect(backend.pendingRefresh).toHaveLength(1));
    await vi.waitFor(() => expect(backend.calls).toHaveLength(3));
    const heldDuringRefresh = http.get('/d');
    backend.finishRefresh();

    const outcomes = await Promise.allSettled([...expired, heldDuringRefresh]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(outcomes.map((o) => (o as PromiseRejectedResult).reason.message)).toEqual(Array(4).fill('refresh failed'));
    expect(backend.refreshes).toBe(1);
    expect(backend.urls()).toEqual(['/a', '/b', '/c']); // no replays, /d never went out with the dead token
  });
});

describe('reactive refresh (axios 1.x)', () => {
  const create = versions[0]![1];

  it('holds a request made while the refresh runs and sends it once, with the new token', async () => {
    const { backend, http } = setup(create);
    backend.holdRefresh = true;
    const first = http.get('/a');
    await vi.waitFor(() => expect(backend.pendingRefresh).toHaveLength(1));
    const during = http.get('/b');
    await Promise.resolve();
    expect(backend.urls()).toEqual(['/a']);
    backend.finishRefresh();
    await expect(Promise.all([first, during])).resolves.toHaveLength(2);
    expect(backend.calls.map((c) => `${c.url} ${c.token}`)).toEqual(['/a token-stale', '/b token-1', '/a token-1']);
    expect(backend.refreshes).toBe(1);
  });

  it('does not replay a replay that gets 401 again (no loop)', async () => {
    let reportCalls = 0;
    // After 5 calls the fake answers 500, so a broken guard fails this test instead of hanging it.
    const statusFor = (url: string) => (url === '/reports' ? (++reportCalls > 5 ? 500 : 401) : undefined);
    const { backend, http } = setup(create, { statusFor });
    const [reports, other] = await Promise.allSettled([http.get('/reports'), http.get('/ok')]);
    expect(reports).toMatchObject({ status: 'rejected', reason: { response: { status: 401 } } });
    expect(other).toMatchObject({ status: 'fulfilled', value: { data: { url: '/ok', token: 'token-1' } } });
    expect(backend.urls().filter((url) => url === '/reports')).toHaveLength(2);
    expect(backend.refreshes).toBe(1);
  });

  it('passes other errors through untouched, without a refresh', async () => {
    const { backend, http } = setup(create, { statusFor: (url) => (url === '/boom' ? 500 : undefined) });
    await expect(http.get('/boom')).rejects.toMatchObject({ response: { status: 500 } });
    expect(backend.refreshes).toBe(0);
    expect(backend.urls()).toEqual(['/boom']);
  });

  it('stops waiting for an older request that never answers after maxOrderWaitMs', async () => {
    const { backend, http } = setup(create, { hold: true }, 20);
    void http.get('/slow');
    const fast = http.get('/fast');
    await vi.waitFor(() => expect(backend.calls).toHaveLength(2));
    backend.calls[1]!.release();
    await vi.waitFor(() => expect(backend.calls).toHaveLength(3));
    expect(backend.calls[2]).toMatchObject({ url: '/fast', token: 'token-1' });
    backend.calls[2]!.release();
    await expect(fast).resolves.toMatchObject({ data: { url: '/fast' } });
  });

  it('uninstalls both interceptors', async () => {
    const { backend, http, uninstall } = setup(create);
    uninstall();
    await expect(http.get('/a')).rejects.toMatchObject({ response: { status: 401 } });
    expect(backend.refreshes).toBe(0);
    expect(backend.calls[0]!.token).toBeUndefined();
  });
});
