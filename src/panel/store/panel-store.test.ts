import { describe, expect, it } from 'vitest';
import { emptyStats, PROTOCOL_VERSION, SOURCE, type TabEvent } from '../../protocol';
import { PanelStore } from './panel-store';

const env = { source: SOURCE, v: PROTOCOL_VERSION } as const;
const page = (session: string, seq: number): TabEvent => ({ type: 'page-start', seq, t: seq, url: `http://x/${session}`, readyState: 'loading', session });
const start = (session: string, seq: number, id: string): TabEvent => ({
  type: 'request-start', seq, t: seq, id, transport: 'fetch', method: 'GET', url: `http://x/${id}`, headers: {}, session,
});
const end = (session: string, seq: number, id: string, status: number): TabEvent => ({ type: 'request-end', seq, t: seq, id, status, session });

describe('PanelStore', () => {
  it('merges start and end into one row, in send order, whatever order they arrive in', () => {
    const store = new PanelStore();
    store.receive({ ...env, kind: 'events', tabId: 1, events: [page('a', 0), start('a', 1, 'f1'), end('a', 3, 'f2', 401), start('a', 2, 'f2'), end('a', 4, 'f1', 200)] });
    const rows = store.state.rows.rows.filter((r) => r.kind === 'request');
    expect(rows.map((r) => [r.id, r.status])).toEqual([['f1', 200], ['f2', 401]]);
    expect(store.state.rows.requestCount).toBe(2);
  });

  it('ignores events it already has when the history comes again after a reconnect', () => {
    const store = new PanelStore();
    const events = [page('a', 0), start('a', 1, 'f1'), end('a', 2, 'f1', 200)];
    store.receive({ ...env, kind: 'history', tabId: 1, events, stats: emptyStats() });
    store.receive({ ...env, kind: 'history', tabId: 1, events: [...events, start('a', 3, 'f2')], stats: emptyStats() });
    expect(store.state.eventCount).toBe(4);
    expect(store.state.rows.requestCount).toBe(2);
  });

  it('starts afresh on a new page unless preserve log is on, and then marks the navigation', () => {
    const store = new PanelStore();
    store.receive({ ...env, kind: 'events', tabId: 1, events: [page('a', 0), start('a', 1, 'f1')] });
    store.receive({ ...env, kind: 'events', tabId: 1, events: [page('b', 0), start('b', 1, 'f1')] });
    expect(store.state.rows.rows.map((r) => r.key)).toEqual(['b:nav', 'b:f1']);
    store.setPreserveLog(true);
    store.receive({ ...env, kind: 'events', tabId: 1, events: [page('c', 0), start('c', 1, 'f1')] });
    expect(store.state.rows.rows.map((r) => r.key)).toEqual(['b:nav', 'b:f1', 'c:nav', 'c:f1']);
  });

  it('ignores live events while paused, keeps the stats, and notifies listeners', () => {
    const store = new PanelStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.setRecording(false);
    store.receive({ ...env, kind: 'events', tabId: 1, events: [start('a', 1, 'f1')] });
    store.receive({ ...env, kind: 'stats', tabId: 1, stats: { ...emptyStats(), forged: 3 } });
    expect(store.state.rows.requestCount).toBe(0);
    expect(store.state.stats.forged).toBe(3);
    expect(calls).toBe(3);
  });
});
