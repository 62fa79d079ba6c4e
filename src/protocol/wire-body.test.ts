import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBatchBody } from './wire-decode';
import { BatchWriter } from './wire-encode';
import { alike, anyStep, event, ORIGIN } from './wire-arbitraries';

describe('BodyWriter', () => {
  it('writes the same body when it stringifies its records in chunks as when it does so at once', () => {
    // Mostly steps of two calls, so that "continued" layouts and settles-as-before cross chunk edges.
    fc.assert(
      fc.property(fc.array(fc.oneof(event, anyStep, anyStep, alike, alike), { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (events, chunk) => {
        const whole = new BatchWriter(ORIGIN);
        const chunked = new BatchWriter(ORIGIN, [], chunk);
        for (const e of events) {
          whole.write({ ...e } as Record<string, unknown>);
          chunked.write({ ...e } as Record<string, unknown>);
        }
        expect(chunked.body()).toBe(whole.body());
      }),
    );
    const writer = new BatchWriter(ORIGIN, [], 4);
    for (let n = 0; n < 10; n++) writer.write({ type: 'request-end', t: ORIGIN + n, id: `r${n}`, status: 200 });
    expect(decodeBatchBody(writer.body(), 0, 10).events.map((e) => (e as { id: string }).id)).toEqual([...Array(10).keys()].map((n) => `r${n}`));
    expect(() => writer.data()).toThrow();
  });

  it('stringifies in chunks with the built-ins it took at start, whatever the page replaced since', () => {
    const writer = new BatchWriter(ORIGIN, [], 3);
    const { slice } = String.prototype;
    const { join, push } = Array.prototype;
    const trap = () => {
      throw new Error('a page function was called');
    };
    let body = '';
    String.prototype.slice = trap;
    Array.prototype.join = trap;
    Array.prototype.push = trap;
    try {
      for (let n = 1; n <= 6; n++) writer.write({ type: 'axios-step', t: ORIGIN + n, id: `axr${n}`, instanceId: 'axi1', step: 'settle', status: 200, outcome: 'response' });
      body = writer.body();
    } finally {
      String.prototype.slice = slice;
      Array.prototype.join = join;
      Array.prototype.push = push;
    }
    expect(decodeBatchBody(body, 0, 6).events.map((e) => (e as { id: string }).id)).toEqual(['axr1', 'axr2', 'axr3', 'axr4', 'axr5', 'axr6']);
  });

  it('writes into an array handed to it from the start, leaving nothing of what it held before', () => {
    const shared: unknown[] = [];
    const long = new BatchWriter(ORIGIN, shared);
    for (let n = 0; n < 20; n++) long.write({ type: 'request-end', t: ORIGIN + n, id: `r${n}`, status: 200 });
    const first = long.body();
    const short = new BatchWriter(ORIGIN, shared);
    short.write({ type: 'token-reads', t: ORIGIN, store: 'cookie', count: 2 });
    expect(decodeBatchBody(short.body(), 5, 1)).toEqual({ events: [{ type: 'token-reads', seq: 5, t: ORIGIN, store: 'cookie', count: 2 }], malformed: 0 });
    expect(decodeBatchBody(first, 0, 20).events).toHaveLength(20);
  });
});
