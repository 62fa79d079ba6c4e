import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PageEvent, PageEventType } from './events';
import { eventFieldNames, isPageEvent } from './validate';
import { decodeBatchBody, decodeBatchData } from './wire-decode';
import { BatchWriter, encodeBatchBody, encodeBatchData } from './wire-encode';
import { runSteps } from './wire-runs';
import { callNumber, PACKED_SETTLE, packStep, SETTLE_AS_BEFORE_CODE, STEP_AGAIN_CODE, unpackStep, WIRE_FIELDS, WIRE_TYPES } from './wire-format';

const ORIGIN = 1_795_644_597_000.125;
const str = fc.string({ maxLength: 12 });
const tokenRef = fc.record(
  { fp: fc.stringMatching(/^[0-9a-f]{12}$/), kind: fc.constantFrom('jwt' as const, 'opaque' as const), exp: fc.integer({ min: 0, max: 4e9 }), iat: fc.nat(), sub: str },
  { requiredKeys: ['fp', 'kind'] },
);
const headers = fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.oneof(str, tokenRef), { maxKeys: 4 });
const stepFields = {
  id: fc.constantFrom('axr1', 'axr2'), instanceId: fc.constantFrom('axi1', 'axi2'), step: fc.constantFrom('enter' as const, 'dispatch' as const, 'transport-end' as const, 'settle' as const),
  method: str, url: str, replayOf: str, attempt: fc.nat(9), token: tokenRef, headers, status: fc.nat(599), outcome: fc.constantFrom('response' as const, 'error' as const), errorCode: str,
};
const store = fc.constantFrom('cookie' as const, 'cookieStore' as const, 'localStorage' as const, 'sessionStorage' as const, 'httpOnlyCookie' as const);
const base = { t: fc.integer({ min: 0, max: 3_600_000_000 }).map((us) => ORIGIN + us / 1000) };
const alikeToken = fc.constantFrom({ fp: 'aaaaaaaaaaaa', kind: 'jwt' as const }, { fp: 'bbbbbbbbbbbb', kind: 'opaque' as const });
// Steps drawn from few values, so that a step is often like the one before it of its kind (STEPS_AGAIN).
const alike = fc.record(
  {
    ...base, type: fc.constant('axios-step' as const), id: fc.constantFrom('axr1', 'axr2', 'axr3', 'x'), instanceId: fc.constantFrom('axi1', 'axi2'),
    step: fc.constantFrom('enter' as const, 'dispatch' as const, 'transport-end' as const, 'settle' as const), method: fc.constantFrom('GET', 'POST'),
    url: fc.constantFrom('/a', '/b'), attempt: fc.constantFrom(1, 2), replayOf: fc.constant('axr1'), token: alikeToken,
    headers: fc.constantFrom({ accept: 'x' }, { accept: 'y' }), status: fc.constantFrom(200, 401), outcome: fc.constantFrom('response' as const, 'error' as const), errorCode: fc.constant('E'),
  },
  { requiredKeys: ['t', 'type', 'id', 'instanceId', 'step'] },
);
// A call's four steps holding only their layouts' fields, as the page script writes them, from few values: most can be packed.
const callSteps = fc
  .record({
    n: fc.integer({ min: 1, max: 6 }), instanceId: fc.constantFrom('axi1', 'axi1', 'axi2'), t: fc.integer({ min: 0, max: 3_600_000_000 }), gaps: fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 3, maxLength: 3 }),
    method: fc.constantFrom('GET', 'POST'), url: fc.constantFrom('/a', '/b'), attempt: fc.constantFrom(1, 1, 2), replayOf: fc.option(fc.constant('axr1'), { nil: undefined }),
    token: fc.option(alikeToken, { nil: undefined }), headers: fc.constantFrom({ accept: 'x' }, { accept: 'y' }), changed: fc.option(fc.constant('/c'), { nil: undefined }),
    status: fc.option(fc.constantFrom(200, 200, 401), { nil: undefined }), outcome: fc.constantFrom('response' as const, 'response' as const, 'error' as const), errorCode: fc.option(fc.constant('E'), { nil: undefined }),
    // What a response interceptor made of an error: mostly what the adapter ended with.
    settleCode: fc.constantFrom('E', 'E', 'F', undefined),
  })
  .map(({ n, instanceId, t, gaps, method, url, attempt, replayOf, token, headers, changed, status, outcome, errorCode, settleCode }) => {
    const ids = { type: 'axios-step' as const, id: `axr${n}`, instanceId };
    const at = (i: number) => ORIGIN + (t + gaps.slice(0, i).reduce((a, b) => a + b, 0)) / 1000;
    const end = { status, outcome, errorCode: outcome === 'error' ? errorCode : undefined };
    const steps: Array<Omit<Extract<PageEvent, { type: 'axios-step' }>, 'seq'>> = [
      { ...ids, t: at(0), step: 'enter', method, url, attempt, replayOf },
      { ...ids, t: at(1), step: 'dispatch', token, headers, url: changed },
      { ...ids, t: at(2), step: 'transport-end', ...end },
      { ...ids, t: at(3), step: 'settle', ...end, errorCode: outcome === 'error' ? settleCode : undefined },
    ];
    // Absent fields absent, as an event without them (what the decoder gives back).
    return steps.map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as Omit<PageEvent, 'seq'>);
  });
const event: fc.Arbitrary<Omit<PageEvent, 'seq'>> = fc.oneof(
  fc.record({ ...base, type: fc.constant('page-start' as const), url: str, readyState: str }),
  fc.record({ ...base, type: fc.constant('request-start' as const), id: str, transport: fc.constantFrom('fetch' as const, 'xhr' as const), method: str, url: str, headers, token: tokenRef, axiosId: str },
    { requiredKeys: ['t', 'type', 'id', 'transport', 'method', 'url', 'headers'] }),
  fc.record({ ...base, type: fc.constant('request-end' as const), id: str, status: fc.nat(599), error: fc.constantFrom('network' as const, 'abort' as const, 'timeout' as const) },
    { requiredKeys: ['t', 'type', 'id', 'status'] }),
  fc.record({ ...base, type: fc.constant('axios-instance' as const), instanceId: str, via: fc.constantFrom('auto' as const, 'hook' as const), version: str, label: str },
    { requiredKeys: ['t', 'type', 'instanceId', 'via'] }),
  fc.record({ ...base, type: fc.constant('axios-step' as const), ...stepFields }, { requiredKeys: ['t', 'type', 'id', 'instanceId', 'step'] }),
  fc.record({ ...base, type: fc.constant('token-write' as const), store, key: str, op: fc.constantFrom('set' as const, 'remove' as const), token: tokenRef, expires: str, maxAge: fc.integer() },
    { requiredKeys: ['t', 'type', 'store', 'key', 'op'] }),
  fc.record({ ...base, type: fc.constant('token-reads' as const), store, count: fc.nat() }),
);
const numbered = (events: Array<Omit<PageEvent, 'seq'>>, first: number) => events.map((e, i) => ({ ...e, seq: first + i }) as PageEvent);

describe('the batch wire format', () => {
  it('names every field the protocol allows, for every event type', () => {
    for (const type of WIRE_TYPES) expect(WIRE_FIELDS[type].map(([name]) => name).sort(), type).toEqual(eventFieldNames(type as PageEventType).sort());
  });

  it('gives back exactly the events it was given, numbered from the header, times to the microsecond', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), fc.nat(1e9), (raw, first) => {
        const events = numbered(raw, first);
        const decoded = decodeBatchBody(encodeBatchBody(events, ORIGIN), first, events.length);
        expect(decoded.malformed).toBe(0);
        expect(decoded.events.map(({ t, ...rest }) => rest)).toEqual(events.map(({ t, ...rest }) => rest));
        decoded.events.forEach((e, i) => expect(Math.abs(e.t - events[i].t)).toBeLessThan(0.0006));
      }),
      { numRuns: 500 },
    );
  });

  it('gives back exactly the steps it was given when most are like the one before them of their kind', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(alike, alike, alike, event), { maxLength: 40 }), (raw) => {
        const events = numbered(raw, 0);
        const decoded = decodeBatchBody(encodeBatchBody(events, ORIGIN), 0, events.length);
        expect(decoded.malformed).toBe(0);
        expect(decoded.events.map(({ t, ...rest }) => rest)).toEqual(events.map(({ t, ...rest }) => rest));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives back the same steps when each is offered to repeat first, as the page script does, and only the event of a refused one is written', () => {
    const INDEX = { enter: 0, dispatch: 1, 'transport-end': 2, settle: 3 } as const;
    let repeated = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(callSteps, callSteps, callSteps, fc.tuple(alike), fc.tuple(event)), { maxLength: 12 }), (runs) => {
        const events = numbered(runs.flat(), 0);
        const writer = new BatchWriter(ORIGIN);
        for (const e of events) {
          if (e.type === 'axios-step' && /^axr\d+$/.test(e.id)) {
            const fields = e.step === 'enter' ? [e.method, e.url, e.attempt, e.replayOf] : e.step === 'dispatch' ? [e.token, e.headers, e.method, e.url] : [e.status, e.outcome, e.errorCode, undefined];
            const stepOnly = Object.keys(e).every((k) => ['type', 't', 'seq', 'id', 'instanceId', 'step'].includes(k) || (e.step === 'enter' ? ['method', 'url', 'attempt', 'replayOf'] : e.step === 'dispatch' ? ['token', 'headers', 'method', 'url'] : ['status', 'outcome', 'errorCode']).includes(k));
            if (stepOnly && writer.repeat(INDEX[e.step], e.t, e.id, Number(e.id.slice(3)), e.instanceId, fields[0], fields[1], fields[2], fields[3])) {
              repeated++;
              continue;
            }
          }
          writer.write(e as unknown as Record<string, unknown>);
        }
        expect(writer.count).toBe(events.length);
        const decoded = decodeBatchBody(writer.body(), 0, events.length);
        expect(decoded.malformed).toBe(0);
        expect(decoded.events.map(({ t, ...rest }) => rest)).toEqual(events.map(({ t, ...rest }) => rest));
        decoded.events.forEach((e, i) => expect(Math.abs(e.t - events[i].t)).toBeLessThan(0.0006));
      }),
      { numRuns: 1000 },
    );
    // The draws did take the packed way, not only the events'.
    expect(repeated).toBeGreaterThan(2000);
  });

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

  it('packs a step’s kind and time into one number and unpacks it, and nothing else unpacks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: -(2 ** 40) + 1, max: 2 ** 40 - 1 }), (kind, dt) => {
        const packed = packStep(kind, dt);
        expect(Number.isSafeInteger(packed) && packed < 0).toBe(true);
        expect(unpackStep(packed)).toEqual({ kind, dt });
      }),
    );
    for (const value of [0, 1, -0.5, -(2 ** 53), Number.NaN, '-1', null]) expect(unpackStep(value)).toBeUndefined();
  });

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

  it('writes the same body when it stringifies its records in chunks as when it does so at once', () => {
    // Mostly steps of two calls, so that "continued" layouts and settles-as-before cross chunk edges.
    const step = fc.record({ ...base, type: fc.constant('axios-step' as const), ...stepFields }, { requiredKeys: ['t', 'type', 'id', 'instanceId', 'step'] });
    fc.assert(
      fc.property(fc.array(fc.oneof(event, step, step, alike, alike), { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (events, chunk) => {
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

  it('writes a "__proto__" header as a header', () => {
    const headers = JSON.parse('{"__proto__":"x","accept":"a"}') as Record<string, string>;
    const events: PageEvent[] = [{ type: 'request-start', seq: 0, t: ORIGIN, id: 'f1', transport: 'fetch', method: 'GET', url: '/', headers }];
    const decoded = decodeBatchBody(encodeBatchBody(events, ORIGIN), 0, 1).events[0] as { headers: object };
    expect(Object.keys(decoded.headers)).toEqual(['__proto__', 'accept']);
  });

  it('keeps a "__proto__" header a header, and refuses a token index that points nowhere', () => {
    const body = JSON.stringify({ o: 0, k: [], e: [[1, 0, 'f1', 0, 'GET', '/', JSON.parse('{"__proto__":"x","accept":"a"}')], [1, 0, 'f2', 0, 'GET', '/', {}, 7]] });
    const { events, malformed } = decodeBatchBody(body, 0, 2);
    expect(malformed).toBe(1);
    expect(Object.getPrototypeOf((events[0] as { headers: object }).headers)).toBe(Object.prototype);
    expect(Object.keys((events[0] as { headers: object }).headers)).toEqual(['__proto__', 'accept']);
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

describe('callNumber', () => {
  it('reads the n of axr<n>: digits only, no leading zero, at most 15', () => {
    expect(callNumber('axr1')).toBe(1);
    expect(callNumber('axr907')).toBe(907);
    expect(callNumber('axr123456789012345')).toBe(123456789012345);
    for (const id of ['axr', 'axr0', 'axr07', 'axr1234567890123456', 'axr1a', 'axr/1', 'axr:', 'bxr1', 'axs1', 'Axr1', 'x', '', 7, undefined, null]) {
      expect(callNumber(id), String(id)).toBeUndefined();
    }
  });

  it('reads with the engine\'s own charCodeAt, whatever the page replaced since', () => {
    const { charCodeAt } = String.prototype;
    String.prototype.charCodeAt = () => {
      throw new Error('a page function was called');
    };
    let n: number | undefined;
    try {
      n = callNumber('axr42');
    } finally {
      String.prototype.charCodeAt = charCodeAt;
    }
    expect(n).toBe(42);
  });
});
