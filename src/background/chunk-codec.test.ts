import { describe, expect, it } from 'vitest';
import type { TabEvent } from '../protocol';
import { decodeChunk, encodeChunk } from './chunk-codec';

const token = { fp: 'a1b2c3d4e5f6', kind: 'jwt' as const, exp: 4102444800, sub: 'u1' };
const T0 = 1_795_644_597_000.5;
const events: TabEvent[] = [
  { type: 'page-start', session: 's1', seq: 0, t: T0, url: 'http://127.0.0.1/', readyState: 'loading' },
  { type: 'axios-step', session: 's1', seq: 1, t: T0 + 1.25, id: 'axr1', instanceId: 'axi1', step: 'dispatch', token, headers: { authorization: token } },
  // A gap in the numbering, another frame, another session: each starts a run.
  { type: 'request-end', session: 's1', seq: 5, t: T0 + 2, id: 'x1', status: 401 },
  { type: 'request-end', session: 's9', frame: 3, seq: 0, t: T0 + 3, id: 'x1', status: 200 },
  { type: 'token-write', session: 'background', seq: 7, t: T0 + 4, store: 'httpOnlyCookie', key: 'refresh', op: 'set', token },
];

describe('the stored chunk format', () => {
  it('gives back the same events, sessions and frames, times to the microsecond', () => {
    const chunk = decodeChunk(encodeChunk({ from: 40, events }))!;
    expect(chunk.from).toBe(40);
    expect(chunk.events.map(({ t, ...rest }) => rest)).toEqual(events.map(({ t, ...rest }) => rest));
    chunk.events.forEach((e, i) => expect(Math.abs(e.t - events[i].t)).toBeLessThan(0.001));
  });

  it('is one string, well under half the events’ JSON', () => {
    const many: TabEvent[] = Array.from({ length: 200 }, (_, i) => ({
      type: 'axios-step', session: 's1', seq: i, t: T0 + i, id: `axr${i >> 2}`, instanceId: 'axi1', step: 'dispatch', token,
      headers: { accept: 'application/json, text/plain, */*', authorization: token },
    }));
    const stored = encodeChunk({ from: 0, events: many });
    expect(typeof stored).toBe('string');
    expect(stored.length).toBeLessThan(JSON.stringify(many).length / 2.5);
  });

  it('reads chunks as earlier versions wrote them, and refuses a damaged one whole', () => {
    expect(decodeChunk({ from: 2, events: events.slice(0, 1) })).toEqual({ from: 2, events: events.slice(0, 1) });
    expect(decodeChunk(JSON.stringify({ from: 2, events: events.slice(0, 1) }))).toEqual({ from: 2, events: events.slice(0, 1) });
    const stored = JSON.parse(encodeChunk({ from: 0, events }));
    stored.runs[1].n = 99;
    expect(decodeChunk(JSON.stringify(stored))).toBeUndefined();
    expect(decodeChunk('{"v":3,"from":0,"runs":[{"s":"s"}]}')).toBeUndefined();
    expect(decodeChunk('not json')).toBeUndefined();
    expect(decodeChunk(undefined)).toBeUndefined();
  });
});
