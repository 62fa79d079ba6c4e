import { describe, expect, it } from 'vitest';
import type { TabEvent } from '../../protocol';
import { TraceBuilder } from '../testing/builder';
import { RequestsHandler } from './requests';

function feed(events: readonly TabEvent[]): RequestsHandler {
  const h = new RequestsHandler();
  for (const e of events) h.handleEvent(e);
  return h;
}

describe('RequestsHandler', () => {
  it('merges an axios request with the transport call that served it; a bare fetch stays on its own', () => {
    const b = new TraceBuilder();
    const tok = b.jwt('t', { exp: 1000 });
    const a = b.axios('GET', '/api/a').run(0, tok, 30, 200);
    const f = b.fetch('POST', '/log').start(5, undefined, 12).end(9, 204);
    const h = feed(b.events());
    expect(h.byStart.map((r) => r.id)).toEqual([a.id, f.id]);
    expect(h.byId.get(a.id)).toMatchObject({
      method: 'GET', url: 'https://app.example/api/a', transport: 'xhr', transportId: 'x1', instanceId: 'api',
      status: 200, start: b.events()[0].t, settled: true, token: tok, axiosView: true,
    });
    expect(h.byId.get(f.id)).toMatchObject({ axiosView: false, bodySize: '12', status: 204, settled: true });
  });

  it('ends up the same whatever order the events came in, an end before its start included', () => {
    const b = new TraceBuilder();
    b.axios('GET', '/api/a').run(0, undefined, 30, 401);
    b.fetch('GET', '/b').start(1).end(2, 200);
    const events = b.events();
    const view = (h: RequestsHandler) => JSON.stringify(h.byStart.map((r) => r.toJSON()));
    expect(view(feed([...events].reverse()))).toBe(view(feed(events)));
  });

  it('keeps the earlier of two transport calls for one axios request', () => {
    const e = (t: number, id: string, status?: number): TabEvent[] => [
      { type: 'request-start', t, id, transport: 'fetch', method: 'GET', url: `/${id}`, headers: {}, axiosId: 'a1', seq: t, session: 's1' },
      ...(status ? [{ type: 'request-end' as const, t: t + 5, id, status, seq: t + 1, session: 's1' }] : []),
    ];
    const late = [...e(20, 'f2', 500), ...e(10, 'f1', 200)];
    const h = feed(late);
    expect(h.byId.get('s1:a1')).toMatchObject({ transportId: 'f1', url: '/f1', status: 200 });
  });

  it('indexes unsettled requests as open and reports what changed since it was last asked', () => {
    const b = new TraceBuilder();
    const a = b.axios('GET', '/api/a').enter(0).dispatch(1);
    const h = feed(b.events());
    expect([...h.open].map((r) => r.id)).toEqual([a.id]);
    const first = h.takeDirty();
    expect(first.records.map((r) => r.id)).toEqual([a.id]);
    expect(h.takeDirty().records).toEqual([]);
    h.handleEvent({ type: 'axios-step', t: b.events()[0].t + 50, id: a.axiosId, instanceId: 'api', step: 'settle', outcome: 'error', seq: 99, session: 's1' });
    expect(h.open.size).toBe(0);
    expect(h.byLast.map((r) => r.id)).toEqual([a.id]);
    expect(h.takeDirty().minStart).toBe(first.minStart);
  });
});
