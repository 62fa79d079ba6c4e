import { describe, expect, it } from 'vitest';
import type { PageEvent } from './events';
import { decodeBatchBody, decodeBatchData } from './wire-decode';
import { BatchWriter, encodeBatchBody, encodeBatchData } from './wire-encode';
import { runSteps } from './wire-runs';
import { PACKED_SETTLE, packStep, SETTLE_AS_BEFORE_CODE, STEP_AGAIN_CODE, WIRE_TYPES } from './wire-format';
import { numbered, ORIGIN } from './wire-arbitraries';

describe('BatchWriter', () => {
  it('writes a loop of calls to one endpoint as one run of packed steps, seven characters a call', () => {
    const token = { fp: '75e6b4e1584a', kind: 'jwt' as const, exp: 4102444800 };
    // One object, as the page script hands the same headers for the same headers (request-headers.ts).
    const headers = { accept: 'application/json', authorization: token };
    const events = Array.from({ length: 100 }, (_, n): PageEvent[] => {
      const common = { type: 'axios-step' as const, t: ORIGIN + n, id: `axr${n + 1}`, instanceId: 'axi2' };
      return [
        { ...common, seq: 4 * n, step: 'enter', method: 'GET', url: 'http://127.0.0.1:5173/api/items', attempt: 1 },
        { ...common, seq: 4 * n + 1, step: 'dispatch', token, headers },
        { ...common, seq: 4 * n + 2, step: 'transport-end', status: 200, outcome: 'response' },
        { ...common, seq: 4 * n + 3, step: 'settle', status: 200, outcome: 'response' },
      ];
    }).flat();
    const body = encodeBatchBody(events, ORIGIN);
    expect(decodeBatchBody(body, 0, events.length).events).toEqual(events);
    // After the first call (and the second, the first that is like one before it), each is its four steps packed, in one run.
    const { f } = encodeBatchData(events, ORIGIN);
    const run = f[f.length - 1] as string;
    expect(runSteps(run)?.slice(-4 * 98)).toEqual(Array.from({ length: 98 }, () => [packStep(0, 1000), packStep(1, 0), packStep(2, 0), packStep(PACKED_SETTLE, 0)]).flat());
    // An enter 1 ms after the settle before it (v = 8000: a marker and three digits), then three steps in the same tick.
    expect(run.endsWith('#1z0123'.repeat(98))).toBe(true);
    const perCall = (body.length - encodeBatchBody(events.slice(0, 8), ORIGIN).length) / 98;
    expect(perCall).toBeLessThan(8);
  });

  it('packs an enter only when it is of the call after the previous enter, and a step only when its time fits', () => {
    const step = (t: number, id: string, kind: 'enter' | 'settle'): PageEvent =>
      kind === 'enter'
        ? { type: 'axios-step', seq: 0, t: ORIGIN + t, id, instanceId: 'axi1', step: 'enter', method: 'GET', url: '/a', attempt: 1 }
        : { type: 'axios-step', seq: 0, t: ORIGIN + t, id, instanceId: 'axi1', step: 'settle', status: 200, outcome: 'response' };
    const events = numbered([step(0, 'axr1', 'enter'), step(1, 'axr3', 'enter'), step(2, 'axr4', 'enter'), step(3, 'x', 'enter'), step(4, 'axr5', 'enter'), step(5, 'axr6', 'enter')], 0);
    const { f } = encodeBatchData(events, ORIGIN);
    // axr3 follows axr1: its time and id; axr4 follows axr3: packed; after "x", axr5 again in full; axr6 packed.
    expect(f.slice(8, 13)).toEqual([3, STEP_AGAIN_CODE, 1000, -3, '#1z0']);
    expect(f.slice(-1)).toEqual(['#1z0']);
    expect(decodeBatchData(encodeBatchData(events, ORIGIN), 0, events.length).events).toEqual(events);
    // Times back and forth, and a gap too long to pack (about 35 years in µs), go in the step's layout.
    const settles = numbered([step(0, 'axr1', 'settle'), step(5, 'axr1', 'settle'), step(2, 'axr1', 'settle'), step(2 ** 40 / 1000 + 10, 'axr1', 'settle')], 0);
    const data = encodeBatchData(settles, ORIGIN);
    expect(runSteps(data.f[data.f.length - 4] as string)).toEqual([packStep(PACKED_SETTLE, 5000), packStep(PACKED_SETTLE, -3000)]);
    expect(data.f.slice(-3)).toEqual([2, SETTLE_AS_BEFORE_CODE, 2 ** 40 + 8000]);
    expect(decodeBatchData(data, 0, settles.length).events).toEqual(settles);
  });

  it('writes a request’s four axios steps in about a quarter of their JSON', () => {
    const token = { fp: '75e6b4e1584a', kind: 'jwt' as const, exp: 4102444800, iat: 1700000000, sub: 'user-42' };
    const call = (n: number): PageEvent[] => {
      const common = { type: 'axios-step' as const, t: ORIGIN + n, id: `axr${n}`, instanceId: 'axi2' };
      return [
        { ...common, seq: 4 * n, step: 'enter', method: 'GET', url: 'http://127.0.0.1:5173/api/items', attempt: 1 },
        { ...common, seq: 4 * n + 1, step: 'dispatch', token, headers: { accept: 'application/json, text/plain, */*', authorization: token } },
        { ...common, seq: 4 * n + 2, step: 'transport-end', status: 200, outcome: 'response' },
        { ...common, seq: 4 * n + 3, step: 'settle', status: 200, outcome: 'response' },
      ];
    };
    const events = Array.from({ length: 25 }, (_, n) => call(n)).flat();
    const body = encodeBatchBody(events, ORIGIN);
    expect(body.length).toBeLessThan(JSON.stringify(events).length / 3.5);
    expect(body.split('75e6b4e1584a')).toHaveLength(2);
    expect(decodeBatchBody(body, 0, events.length).events).toEqual(events);
  });

  it('writes each step in its own layout, each URL and method once a batch, and reads bodies of the earlier nested form', () => {
    const events = Array.from({ length: 50 }, (_, n): PageEvent[] => [
      { type: 'axios-step', seq: 2 * n, t: ORIGIN + n, id: `axr${n}`, instanceId: 'axi2', step: 'enter', method: 'GET', url: 'http://127.0.0.1:5173/api/items', attempt: 1 },
      { type: 'axios-step', seq: 2 * n + 1, t: ORIGIN + n + 0.5, id: `axr${n}`, instanceId: 'axi2', step: 'settle', status: 200, outcome: 'response' },
    ]).flat();
    const body = encodeBatchBody(events, ORIGIN);
    expect(body.split('/api/items')).toHaveLength(2);
    expect(body.split('"GET"')).toHaveLength(2);
    // A settle is its length, code, time, two "same as before" ids, status and outcome: no nulls.
    expect(body).not.toContain('null');
    const headers = { accept: 'application/json' };
    const dispatches: PageEvent[] = [0, 1, 2].map((n) => ({ type: 'axios-step', seq: n, t: ORIGIN, id: `axr${n}`, instanceId: 'axi2', step: 'dispatch', headers }));
    const withHeaders = encodeBatchBody(dispatches, ORIGIN);
    expect(withHeaders.split('application/json')).toHaveLength(2);
    expect(decodeBatchBody(withHeaders, 0, 3).events).toEqual(dispatches);
    expect(decodeBatchBody(body, 0, events.length).events).toEqual(events);
    const nested = JSON.stringify({ o: 0, k: [], e: [[4, 5, 'axr1', 'axi1', 0, null, null, 'GET', '/a', 1], [4, 5, 0, 0, 3, 200, 0]] });
    expect(decodeBatchBody(nested, 0, 2).events).toEqual([
      { type: 'axios-step', seq: 0, t: 0.005, id: 'axr1', instanceId: 'axi1', step: 'enter', method: 'GET', url: '/a', attempt: 1 },
      { type: 'axios-step', seq: 1, t: 0.01, id: 'axr1', instanceId: 'axi1', step: 'settle', status: 200, outcome: 'response' },
    ]);
  });

  it('writes call ids as numbers, keeping quotes out of the records, and reads back any id as it was', () => {
    const ids = ['axr1', 'axr907', 'axr123456789012345', 'axr1234567890123456', 'axr0', 'axr01', 'axr', 'axr1x', 'axr-1', 'axr 1', 'bxr1', 'ax', '', 'axr1e3', 'axr٣'];
    const writer = new BatchWriter(ORIGIN);
    for (const id of ids) writer.write({ type: 'axios-step', t: ORIGIN, id, instanceId: 'axi1', step: 'settle', status: 200, outcome: 'response' });
    const body = writer.body();
    expect(decodeBatchBody(body, 0, ids.length).events.map((e) => (e as { id: string }).id)).toEqual(ids);
    const calls = new BatchWriter(ORIGIN);
    for (let n = 1; n <= 50; n++) for (const step of ['enter', 'dispatch', 'transport-end', 'settle'] as const) calls.write({ type: 'axios-step', t: ORIGIN + n, id: `axr${n}`, instanceId: 'axi1', step });
    // The instance id, once a batch, is the only string left, but for the one run of packed steps the calls after the first two make.
    const records = calls.body().split('"f":')[1];
    expect(records.match(/"[^"]*"/g)).toEqual(['"axi1"', expect.stringMatching(/^"[\w!#$%&()-]+"$/)]);
    expect(decodeBatchBody(calls.body(), 0, 200).events.filter((e) => (e as { step: string }).step === 'settle').map((e) => (e as { id: string }).id)).toEqual(
      Array.from({ length: 50 }, (_, i) => `axr${i + 1}`),
    );
  });

  it('copies what it needs at once, so the page script may reuse one event object for every step', () => {
    const writer = new BatchWriter(ORIGIN);
    const scratch: Record<string, unknown> = { type: 'axios-step', t: ORIGIN, id: 'axr1', instanceId: 'axi1', step: 'enter', method: 'GET', url: '/a', attempt: 1 };
    writer.write(scratch);
    Object.assign(scratch, { t: ORIGIN + 1, id: 'axr2', method: 'POST', url: '/b' });
    writer.write(scratch);
    Object.assign(scratch, { t: ORIGIN + 2, step: 'settle', method: undefined, url: undefined, attempt: undefined, status: 200, outcome: 'response' });
    writer.write(scratch);
    expect(decodeBatchBody(writer.body(), 0, 3).events).toEqual([
      { type: 'axios-step', seq: 0, t: ORIGIN, id: 'axr1', instanceId: 'axi1', step: 'enter', method: 'GET', url: '/a', attempt: 1 },
      { type: 'axios-step', seq: 1, t: ORIGIN + 1, id: 'axr2', instanceId: 'axi1', step: 'enter', method: 'POST', url: '/b', attempt: 1 },
      { type: 'axios-step', seq: 2, t: ORIGIN + 2, id: 'axr2', instanceId: 'axi1', step: 'settle', status: 200, outcome: 'response' },
    ]);
  });

  it('writes a "__proto__" header as a header', () => {
    const headers = JSON.parse('{"__proto__":"x","accept":"a"}') as Record<string, string>;
    const events: PageEvent[] = [{ type: 'request-start', seq: 0, t: ORIGIN, id: 'f1', transport: 'fetch', method: 'GET', url: '/', headers }];
    const decoded = decodeBatchBody(encodeBatchBody(events, ORIGIN), 0, 1).events[0] as { headers: object };
    expect(Object.keys(decoded.headers)).toEqual(['__proto__', 'accept']);
  });

  it('writes a step of the same call as the step before it without the call’s ids, and refuses such a step with no step before it', () => {
    const steps: PageEvent[] = [
      { type: 'axios-step', seq: 0, t: ORIGIN, id: 'axr1', instanceId: 'axi1', step: 'enter', method: 'GET', url: '/a', attempt: 1 },
      { type: 'axios-step', seq: 1, t: ORIGIN + 1, id: 'axr1', instanceId: 'axi1', step: 'settle', status: 200, outcome: 'response' },
    ];
    const data = encodeBatchData(steps, ORIGIN);
    const settleCode = WIRE_TYPES.length + 3;
    const continuedSettle = WIRE_TYPES.length + 4 + 3;
    // The settle: its length, code, time, status and outcome.
    expect(data.f.slice(-5)).toEqual([4, continuedSettle, 1000, 200, 0]);
    expect(decodeBatchData(data, 0, 2).events).toEqual(steps);
    // A settle after the adapter's end with the same outcome: its length, code and time.
    const ended: PageEvent[] = [
      ...steps.slice(0, 1),
      { type: 'axios-step', seq: 1, t: ORIGIN + 1, id: 'axr1', instanceId: 'axi1', step: 'transport-end', status: 401, outcome: 'error', errorCode: 'ERR_BAD_REQUEST' },
      { type: 'axios-step', seq: 2, t: ORIGIN + 2, id: 'axr1', instanceId: 'axi1', step: 'settle', status: 401, outcome: 'error', errorCode: 'ERR_BAD_REQUEST' },
      { type: 'axios-step', seq: 3, t: ORIGIN + 3, id: 'axr1', instanceId: 'axi1', step: 'settle', status: 200, outcome: 'response' },
    ];
    const endedData = encodeBatchData(ended, ORIGIN);
    expect(runSteps(endedData.f[endedData.f.length - 6] as string)).toEqual([packStep(PACKED_SETTLE, 1000)]);
    expect(endedData.f.slice(-5)).toEqual([4, continuedSettle, 1000, 200, 0]);
    expect(decodeBatchData(endedData, 0, 4).events).toEqual(ended);
    const alone = JSON.stringify({ o: 0, k: [], f: [4, continuedSettle, 5, 200, 0, 6, settleCode, 5, 'axr1', 'axi1', 200, 0] });
    expect(decodeBatchBody(alone, 0, 2)).toEqual({
      events: [{ type: 'axios-step', seq: 1, t: 0.01, id: 'axr1', instanceId: 'axi1', step: 'settle', status: 200, outcome: 'response' }],
      malformed: 1,
    });
  });
});
