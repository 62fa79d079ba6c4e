/** For tests: events drawn for the wire's property tests, and the time origin their times count from. */
import fc from 'fast-check';
import type { PageEvent } from './events';

export const ORIGIN = 1_795_644_597_000.125;
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
export const alike = fc.record(
  {
    ...base, type: fc.constant('axios-step' as const), id: fc.constantFrom('axr1', 'axr2', 'axr3', 'x'), instanceId: fc.constantFrom('axi1', 'axi2'),
    step: fc.constantFrom('enter' as const, 'dispatch' as const, 'transport-end' as const, 'settle' as const), method: fc.constantFrom('GET', 'POST'),
    url: fc.constantFrom('/a', '/b'), attempt: fc.constantFrom(1, 2), replayOf: fc.constant('axr1'), token: alikeToken,
    headers: fc.constantFrom({ accept: 'x' }, { accept: 'y' }), status: fc.constantFrom(200, 401), outcome: fc.constantFrom('response' as const, 'error' as const), errorCode: fc.constant('E'),
  },
  { requiredKeys: ['t', 'type', 'id', 'instanceId', 'step'] },
);
// A call's four steps holding only their layouts' fields, as the page script writes them, from few values: most can be packed.
export const callSteps = fc
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
export const anyStep = fc.record({ ...base, type: fc.constant('axios-step' as const), ...stepFields }, { requiredKeys: ['t', 'type', 'id', 'instanceId', 'step'] });
export const event: fc.Arbitrary<Omit<PageEvent, 'seq'>> = fc.oneof(
  fc.record({ ...base, type: fc.constant('page-start' as const), url: str, readyState: str }),
  fc.record({ ...base, type: fc.constant('request-start' as const), id: str, transport: fc.constantFrom('fetch' as const, 'xhr' as const), method: str, url: str, headers, token: tokenRef, axiosId: str },
    { requiredKeys: ['t', 'type', 'id', 'transport', 'method', 'url', 'headers'] }),
  fc.record({ ...base, type: fc.constant('request-end' as const), id: str, status: fc.nat(599), error: fc.constantFrom('network' as const, 'abort' as const, 'timeout' as const) },
    { requiredKeys: ['t', 'type', 'id', 'status'] }),
  fc.record({ ...base, type: fc.constant('axios-instance' as const), instanceId: str, via: fc.constantFrom('auto' as const, 'hook' as const), version: str, label: str },
    { requiredKeys: ['t', 'type', 'instanceId', 'via'] }),
  anyStep,
  fc.record({ ...base, type: fc.constant('token-write' as const), store, key: str, op: fc.constantFrom('set' as const, 'remove' as const), token: tokenRef, expires: str, maxAge: fc.integer() },
    { requiredKeys: ['t', 'type', 'store', 'key', 'op'] }),
  fc.record({ ...base, type: fc.constant('token-reads' as const), store, count: fc.nat() }),
);
export const numbered = (events: Array<Omit<PageEvent, 'seq'>>, first: number) => events.map((e, i) => ({ ...e, seq: first + i }) as PageEvent);
