import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPageMessage, isPageEvent } from './validate';
import { LIMITS, PROTOCOL_VERSION, SOURCE } from './messages';

const start = {
  type: 'request-start', seq: 1, t: 1000.5, id: 'f1', transport: 'fetch', method: 'GET', url: 'http://127.0.0.1/api',
  headers: { authorization: { fp: 'abc123', kind: 'jwt', exp: 1 }, 'content-type': 'application/json' },
  token: { fp: 'abc123', kind: 'jwt', exp: 1 },
};
/** A batch's header: its events travel in the body (wire-format.ts) and are checked one by one (isPageEvent). */
const batch = (count: number, extra: object = {}) => ({ source: SOURCE, v: PROTOCOL_VERSION, kind: 'batch', session: 's1', first: 0, count, dropped: 0, ...extra });

describe('isPageEvent', () => {
  it('accepts every well-formed event kind', () => {
    const events = [
      start,
      { type: 'request-end', seq: 2, t: 2, id: 'f1', status: 401 },
      { type: 'request-end', seq: 3, t: 2, id: 'f1', status: 0, error: 'abort' },
      { type: 'page-start', seq: 0, t: 0, url: 'http://x/', readyState: 'loading' },
      { type: 'axios-instance', seq: 4, t: 3, instanceId: 'a1', via: 'auto', version: '1.7.0' },
      { type: 'axios-step', seq: 5, t: 3, id: 'ax1', instanceId: 'a1', step: 'enter', attempt: 2, replayOf: 'ax0' },
      { type: 'token-write', seq: 6, t: 4, store: 'cookie', key: 'access_token', op: 'set', token: { fp: 'f', kind: 'opaque' }, maxAge: 60 },
      { type: 'token-reads', seq: 7, t: 5, store: 'cookie', count: 12 },
    ];
    for (const e of events) expect(isPageEvent(e), JSON.stringify(e)).toBe(true);
  });

  it('refuses wrong types, unknown fields, missing fields and raw tokens where a TokenRef belongs', () => {
    const bad = [
      { ...start, type: 'nope' },
      { ...start, seq: -1 },
      { ...start, t: Number.NaN },
      { ...start, status: 200 },
      { ...start, transport: 'websocket' },
      { ...start, token: 'Bearer raw' },
      { ...start, token: { fp: 'a', kind: 'jwt', raw: 'secret' } },
      { ...start, headers: { authorization: 42 } },
      { ...start, headers: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`x-${i}`, 'v'])) },
      { ...start, url: 'x'.repeat(LIMITS.stringLength + 1) },
      (({ url: _url, ...rest }) => rest)(start),
      { type: 'request-end', seq: 2, t: 2, id: 'f1', status: 200.5 },
      { type: '__proto__', seq: 1, t: 1 },
      null,
      [start],
      'request-start',
    ];
    for (const e of bad) expect(isPageEvent(e), JSON.stringify(e)?.slice(0, 80)).toBe(false);
  });
});

describe('checkPageMessage', () => {
  it('accepts a good batch and a hello', () => {
    expect(checkPageMessage(batch(1, { first: 4, dropped: 2 }))).toEqual({
      ok: true, message: { source: SOURCE, v: PROTOCOL_VERSION, kind: 'batch', session: 's1', first: 4, count: 1, dropped: 2 },
    });
    expect(checkPageMessage({ source: SOURCE, v: PROTOCOL_VERSION, kind: 'hello', session: 's', url: 'http://x/' }).ok).toBe(true);
  });

  it('names why a message was refused', () => {
    expect(checkPageMessage({ hello: 1 })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(checkPageMessage(batch(1, { v: 99 }))).toMatchObject({ ok: false, reason: 'version', detail: `protocol 99, expected ${PROTOCOL_VERSION}` });
    expect(checkPageMessage(batch(1, { session: '' }))).toMatchObject({ ok: false, reason: 'malformed' });
    expect(checkPageMessage(batch(LIMITS.eventsPerBatch + 1))).toMatchObject({ ok: false, reason: 'oversized' });
    expect(checkPageMessage(batch(1), LIMITS.batchBytes + 1)).toMatchObject({ ok: false, reason: 'oversized' });
    expect(checkPageMessage(batch(1, { dropped: -3 }))).toMatchObject({ ok: false, reason: 'malformed' });
    expect(checkPageMessage(batch(1, { first: 1.5 }))).toMatchObject({ ok: false, reason: 'malformed', detail: 'bad first sequence number' });
    expect(checkPageMessage(batch(-1))).toMatchObject({ ok: false, reason: 'malformed', detail: 'bad event count' });
    expect(checkPageMessage(batch(1, { kind: 'command' }))).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, withMap: true, withSet: true }), (x) => {
        const result = checkPageMessage(x);
        return result.ok === false || result.message.source === SOURCE;
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.anything(), (count) => checkPageMessage(batch(count as number)).ok === (Number.isSafeInteger(count) && (count as number) >= 0 && (count as number) <= LIMITS.eventsPerBatch)));
  });
});
