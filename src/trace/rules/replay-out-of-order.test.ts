import { describe, expect, it } from 'vitest';
import { TraceBuilder } from '../testing/builder';
import { analyze, ids, only } from '../testing/inspect';
import { refreshCall, threeExpired, tokens } from '../testing/scenario-parts';
import * as s from '../testing/scenarios';

describe('replay-out-of-order', () => {
  it('lists originals and replays in the order each went out', () => {
    const b = new TraceBuilder();
    const { replays } = s.outOfOrder(b);
    const d = only(analyze(b), 'replay-out-of-order');
    expect(d).toMatchObject({ severity: 'error', episode: 'e1', requests: ids(replays) });
    expect(d.message).toContain('Originals: GET /api/a (a1), GET /api/b (a2), GET /api/c (a3); replays: GET /api/c (a5), GET /api/a (a6), GET /api/b (a7)');
  });

  it('compares recorded replays sent in one tick in the page’s order, even when that tick is a whole millisecond', () => {
    const b = new TraceBuilder();
    const { fresh } = tokens(b, 0);
    const [a, bb, c] = threeExpired(b, 0);
    refreshCall(b, 40.5);
    b.write(89.4, fresh);
    // One task, one tick of the page clock, which happens to fall on a whole millisecond.
    const replays = [c, a, bb].map((e) =>
      b.axios(e.method, e.path, { instance: e.instance, replayOf: e }).enter(90.5).dispatch(91, fresh).respond(141, 200).settle(141.5, 200),
    );
    expect(only(analyze(b), 'replay-out-of-order').requests).toEqual(ids(replays));
  });

  it('is quiet when replays follow the originals, and ignores second replays of one request', () => {
    const ok = new TraceBuilder();
    s.correctReactive(ok);
    expect(analyze(ok).diagnostics).toEqual([]);
    const loop = new TraceBuilder();
    s.retryLoop(loop);
    expect(analyze(loop).diagnostics.map((d) => d.rule)).not.toContain('replay-out-of-order');
  });
});
