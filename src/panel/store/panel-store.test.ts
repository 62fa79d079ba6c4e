import { describe, expect, it } from 'vitest';
import { emptyStats, PROTOCOL_VERSION, SOURCE, type TabEvent } from '../../protocol';
import { PanelStore } from './panel-store';

const env = { source: SOURCE, v: PROTOCOL_VERSION } as const;
const page = (session: string, seq: number): TabEvent => ({ type: 'page-start', seq, t: seq, url: `http://x/${session}`, readyState: 'loading', session });
const start = (session: string, seq: number, id: string): TabEvent => ({
  type: 'request-start', seq, t: seq, id, transport: 'fetch', method: 'GET', url: `http://x/${id}`, headers: { 'x-trace': id }, session,
});
const end = (session: string, seq: number, id: string, status: number): TabEvent => ({ type: 'request-end', seq, t: seq, id, status, session });
const ids = (store: PanelStore) => store.result().requests.map((r) => `${r.session}:${r.status ?? '-'}`);

describe('PanelStore', () => {
  it('feeds the trace model, whatever order start and end arrive in, and keeps the headers', () => {
    const store = new PanelStore();
    store.receive({ ...env, kind: 'events', tabId: 1, events: [page('a', 0), start('a', 1, 'f1'), end('a', 3, 'f2', 401), start('a', 2, 'f2'), end('a', 4, 'f1', 200)] });
    expect(store.result().requests.map((r) => [r.url, r.status])).toEqual([['http://x/f1', 200], ['http://x/f2', 401]]);
    expect(store.headers.get('a:f2')).toEqual({ 'x-trace': 'f2' });
  });

  it('ignores events it already has when the history comes again after a reconnect', () => {
    const store = new PanelStore();
    const events = [page('a', 0), start('a', 1, 'f1'), end('a', 2, 'f1', 200)];
    store.receive({ ...env, kind: 'history', tabId: 1, events, stats: emptyStats() });
    store.receive({ ...env, kind: 'history', tabId: 1, events: [...events, start('a', 3, 'f2')], stats: emptyStats() });
    expect(store.state.eventCount).toBe(4);
    expect(store.result().requests).toHaveLength(2);
  });

  it('keeps what it has, and stops recording, when the extension went away', () => {
    const store = new PanelStore();
    store.receive({ ...env, kind: 'events', tabId: 1, events: [page('a', 0), start('a', 1, 'f1')] });
    store.extensionGone();
    expect(store.state).toMatchObject({ extensionGone: true, recording: false, problem: expect.stringContaining('reopen DevTools') });
    expect(ids(store)).toEqual(['a:-']);
    expect(store.events).toHaveLength(2);
  });

  it('starts afresh on a new page unless preserve log is on', () => {
    const store = new PanelStore();
    store.receive({ ...env, kind: 'events', tabId: 1, events: [page('a', 0), start('a', 1, 'f1')] });
    store.receive({ ...env, kind: 'events', tabId: 1, events: [page('b', 10), start('b', 11, 'f1')] });
    expect(ids(store)).toEqual(['b:-']);
    store.update({ preserveLog: true });
    store.receive({ ...env, kind: 'events', tabId: 1, events: [page('c', 20), start('c', 21, 'f1')] });
    expect(ids(store)).toEqual(['b:-', 'c:-']);
    expect(store.result().sessions.map((s) => s.session)).toEqual(['b', 'c']);
  });

  it('ignores live events while paused, keeps the stats, and notifies listeners', () => {
    const store = new PanelStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.update({ recording: false });
    store.receive({ ...env, kind: 'events', tabId: 1, events: [start('a', 1, 'f1')] });
    store.receive({ ...env, kind: 'stats', tabId: 1, stats: { ...emptyStats(), forged: 3 } });
    expect(store.result().requests).toHaveLength(0);
    expect(store.state.stats.forged).toBe(3);
    expect(calls).toBe(3);
  });

  it('loads an imported recording in place of the live one', () => {
    const store = new PanelStore();
    store.receive({ ...env, kind: 'events', tabId: 1, events: [start('a', 1, 'f1')] });
    store.load([page('z', 0), start('z', 1, 'g1'), end('z', 2, 'g1', 204)]);
    expect(ids(store)).toEqual(['z:204']);
    expect(store.state.recording).toBe(false);
  });
});
