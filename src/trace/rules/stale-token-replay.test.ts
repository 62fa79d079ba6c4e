import { describe, expect, it } from 'vitest';
import { TraceBuilder } from '../testing/builder';
import { analyze, only } from '../testing/inspect';
import * as s from '../testing/scenarios';

describe('stale-token-replay', () => {
  it('fires when the replay carries the very token its original did', () => {
    const b = new TraceBuilder();
    const { replay, original } = s.staleReplay(b);
    const d = only(analyze(b), 'stale-token-replay');
    expect(d).toMatchObject({ severity: 'error', requests: [replay.id, original.id] });
    expect(d.message).toMatch(/carried the same token as its original GET \/api\/a \(a1\)/);
    expect(d.message).toContain('although the refresh had produced a new one');
  });

  it('fires for an older token than the original carried', () => {
    const b = new TraceBuilder();
    const older = b.jwt('older', { exp: -5000, iat: -7_200_000 });
    const old = b.jwt('old', { exp: -1000, iat: -3_600_000 });
    b.axios('GET', '/api/x').run(-100_000, older, -99_990, 200);
    const a = b.axios('GET', '/api/a').enter(0).dispatch(0.1, old).respond(40, 401);
    b.axios('POST', '/auth/refresh', { instance: 'auth' }).run(41, undefined, 90, 200);
    const replay = b.axios('GET', '/api/a', { replayOf: a }).run(91, older, 130, 401);
    a.settle(131, 401);
    expect(only(analyze(b), 'stale-token-replay')).toMatchObject({ requests: [replay.id, a.id] });
  });

  it('is quiet for replays with the new token', () => {
    const b = new TraceBuilder();
    s.correctReactive(b);
    expect(analyze(b).diagnostics).toEqual([]);
  });
});
