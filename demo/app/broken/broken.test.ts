// The broken interceptors, against the reference's fake backend: each must
// show its bug, and only that one, so the demo means what it says.
import axios, { type AxiosInstance } from 'axios';
import { describe, expect, it, vi } from 'vitest';
import { createFakeBackend, type FakeBackendOptions } from '../../../src/reference/fake-backend';
import { installFirstOnly } from './first-only';
import { DEMO_MAX_REPLAYS, installLoop } from './loop';
import { installOutOfOrder } from './out-of-order';
import { installRefreshFails } from './refresh-fails';
import { installStampede } from './stampede';

const drainMicrotasks = () => new Promise((resolve) => setImmediate(resolve));

function setup(options: FakeBackendOptions = {}) {
  const backend = createFakeBackend(options);
  const api: AxiosInstance = axios.create({ adapter: backend.adapter as never });
  return { backend, api, auth: backend.tokenOptions() };
}

describe('broken interceptors', () => {
  it('stampede: one refresh per 401', async () => {
    const { backend, api, auth } = setup();
    installStampede(api, auth);
    await Promise.allSettled(['/a', '/b', '/c'].map((url) => api.get(url)));
    expect(backend.refreshes).toBe(3);
  });

  it('out-of-order: replays in the order the 401s came back', async () => {
    const { backend, api, auth } = setup({ hold: true });
    backend.holdRefresh = true;
    installOutOfOrder(api, auth);
    const results = ['/a', '/b', '/c'].map((url) => api.get(url));
    await vi.waitFor(() => expect(backend.calls).toHaveLength(3));
    for (const i of [2, 1, 0]) backend.calls[i]!.release();
    await vi.waitFor(() => expect(backend.pendingRefresh).toHaveLength(1));
    await drainMicrotasks();
    backend.finishRefresh();
    await vi.waitFor(() => expect(backend.calls).toHaveLength(6));
    expect(backend.urls(backend.calls.slice(3))).toEqual(['/c', '/b', '/a']);
    expect(backend.refreshes).toBe(1);
    backend.calls.slice(3).forEach((call) => call.release());
    await Promise.all(results);
  });

  it('refresh-fails: rejects the first request and strands the others', async () => {
    const { backend, api, auth } = setup();
    backend.holdRefresh = true;
    backend.failRefresh = true;
    const stranding = installRefreshFails(api, auth);
    const settled: string[] = [];
    ['/a', '/b', '/c'].forEach((url) => api.get(url).then(() => settled.push(`${url} ok`), () => settled.push(`${url} failed`)));
    await vi.waitFor(() => expect(backend.pendingRefresh).toHaveLength(1));
    await drainMicrotasks();
    backend.finishRefresh();
    await vi.waitFor(() => expect(stranding.stranded()).toBe(2));
    await drainMicrotasks();
    expect(settled).toEqual(['/a failed']);
  });

  it(`loop: replays a 401 that a refresh cannot fix ${DEMO_MAX_REPLAYS} times, then gives up (demo cap)`, async () => {
    const { backend, api, auth } = setup({ statusFor: (url) => (url === '/reports' ? 401 : undefined) });
    installLoop(api, auth);
    await expect(api.get('/reports')).rejects.toThrow(/gave up after 4 replays/);
    expect(backend.calls).toHaveLength(1 + DEMO_MAX_REPLAYS);
    expect(backend.refreshes).toBe(DEMO_MAX_REPLAYS);
  });

  it('first-only: only the request that started the refresh is replayed', async () => {
    const { backend, api, auth } = setup();
    backend.holdRefresh = true;
    installFirstOnly(api, auth);
    const results = Promise.allSettled(['/a', '/b', '/c'].map((url) => api.get(url)));
    await vi.waitFor(() => expect(backend.pendingRefresh).toHaveLength(1));
    await drainMicrotasks();
    backend.finishRefresh();
    expect((await results).map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(backend.urls()).toEqual(['/a', '/b', '/c', '/a']);
  });
});
