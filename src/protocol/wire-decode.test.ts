import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPageEvent } from './validate';
import { decodeBatchBody } from './wire-decode';
import { encodeBatchBody } from './wire-encode';
import { PACKED_SETTLE, packStep, SETTLE_AS_BEFORE_CODE, STEP_AGAIN_CODE, WIRE_TYPES } from './wire-format';
import { ORIGIN } from './wire-arbitraries';

describe('decodeBatchBody', () => {
  it('refuses a packed step with nothing before it to be like, and reads the unpacked form of earlier versions', () => {
    const enterAfterAnId = (id: string) =>
      JSON.stringify({ o: 0, k: [], s: ['GET', '/a'], f: [7, WIRE_TYPES.length, 5, id, 'axi1', 0, 1, 1, packStep(0, 5)] });
    const stepOf = (body: string) => decodeBatchBody(body, 0, 2).events.map((e) => (e as { id: string }).id);
    expect(stepOf(enterAfterAnId('axr7'))).toEqual(['axr7', 'axr8']);
    for (const id of ['x', 'axr0', 'axr07', 'axr1234567890123456']) expect(decodeBatchBody(enterAfterAnId(id), 0, 2).malformed, id).toBe(1);
    for (const kind of [0, 1, 2, PACKED_SETTLE]) expect(decodeBatchBody(JSON.stringify({ o: 0, k: [], f: [packStep(kind, 5)] }), 0, 1).malformed).toBe(1);
    const earlier = JSON.stringify({ o: 0, k: [], s: ['GET', '/a'], f: [7, WIRE_TYPES.length, 5, -1, 'axi1', 0, 1, 1, 3, STEP_AGAIN_CODE, 5, -2, 2, SETTLE_AS_BEFORE_CODE, 5] });
    expect(decodeBatchBody(earlier, 0, 3).events.map((e) => [(e as { id: string }).id, (e as { step: string }).step])).toEqual([
      ['axr1', 'enter'],
      ['axr2', 'enter'],
      ['axr2', 'settle'],
    ]);
  });

  it('refuses a flat body whose lengths do not add up, and a text index that points nowhere', () => {
    expect(decodeBatchBody(JSON.stringify({ o: 0, k: [], s: [], f: [5, 1, 0] }), 0, 1)).toEqual({ events: [], malformed: 1 });
    const body = JSON.stringify({ o: 0, k: [], s: ['GET'], f: [6, 1, 0, 'f1', 0, 0, 3, 7, 1, 0, 'f2', 0, 0, 0, {}] });
    const { events, malformed } = decodeBatchBody(body, 0, 2);
    expect(malformed).toBe(1);
    expect(events).toMatchObject([{ type: 'request-start', id: 'f2', method: 'GET', url: 'GET' }]);
  });

  it('refuses a body that does not hold what the header says, and never throws on any input', () => {
    const body = encodeBatchBody([{ type: 'token-reads', seq: 0, t: ORIGIN, store: 'cookie', count: 3 }], ORIGIN);
    expect(decodeBatchBody(body, 0, 2)).toEqual({ events: [], malformed: 2 });
    expect(decodeBatchBody('{"o":1,"k":[],"e":[[', 0, 1)).toEqual({ events: [], malformed: 1 });
    expect(decodeBatchBody(undefined, 0, 3)).toEqual({ events: [], malformed: 3 });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything().map((x) => JSON.stringify({ o: 0, k: [], e: [x] }))), fc.nat(3), (anything, count) => {
        const { events, malformed } = decodeBatchBody(anything, 0, count);
        expect(events.length + malformed).toBe(count);
        for (const e of events) expect(isPageEvent(e)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a "__proto__" header a header, and refuses a token index that points nowhere', () => {
    const body = JSON.stringify({ o: 0, k: [], e: [[1, 0, 'f1', 0, 'GET', '/', JSON.parse('{"__proto__":"x","accept":"a"}')], [1, 0, 'f2', 0, 'GET', '/', {}, 7]] });
    const { events, malformed } = decodeBatchBody(body, 0, 2);
    expect(malformed).toBe(1);
    expect(Object.getPrototypeOf((events[0] as { headers: object }).headers)).toBe(Object.prototype);
    expect(Object.keys((events[0] as { headers: object }).headers)).toEqual(['__proto__', 'accept']);
  });

  it('fills a repeated call id from the previous step of the batch, and refuses one with nothing before it', () => {
    const body = JSON.stringify({ o: 0, k: [], e: [[4, 0, 0, 0, 0], [4, 5, 'axr1', 'axi1', 0], [4, 5, 0, 0, 3, 200, 0]] });
    const { events, malformed } = decodeBatchBody(body, 10, 3);
    expect(malformed).toBe(1);
    expect(events).toEqual([
      { type: 'axios-step', seq: 11, t: 0.005, id: 'axr1', instanceId: 'axi1', step: 'enter' },
      { type: 'axios-step', seq: 12, t: 0.01, id: 'axr1', instanceId: 'axi1', step: 'settle', status: 200, outcome: 'response' },
    ]);
  });
});
