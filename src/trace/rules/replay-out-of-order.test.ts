import { describe, expect, it } from 'vitest';
import { TraceBuilder } from '../testing/builder';
import { analyze, ids, only, ruleIds } from '../testing/inspect';
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

  it('orders originals sent in one tick as the page recorded them, not by when they entered axios', () => {
    const run = (replayOrder: readonly number[]) => {
      const b = new TraceBuilder();
      const { old, fresh } = tokens(b, 0);
      // Entered a, b, c; all three went out in one tick of the page clock, b first.
      const calls = ['a', 'b', 'c'].map((name, i) => b.axios('GET', `/api/${name}`).enter(i * 0.1));
      for (const i of [1, 0, 2]) calls[i].dispatch(0.5, old);
      calls.forEach((call, i) => call.respond(40 + i, 401));
      refreshCall(b, 41);
      b.write(89.4, fresh);
      const replays = replayOrder.map((i, k) =>
        b.axios('GET', calls[i].path, { replayOf: calls[i] }).enter(91 + k).dispatch(91.2 + k, fresh).respond(141 + k, 200).settle(141.5 + k, 200),
      );
      replayOrder.forEach((i) => calls[i].settle(142 + i, 200));
      return { result: analyze(b), replays };
    };
    // Replayed as they went out (b, a, c): in order, though not in the order they entered.
    expect(ruleIds(run([1, 0, 2]).result)).not.toContain('replay-out-of-order');
    // Replayed in the order they entered (a, b, c): a went out after b.
    const swapped = run([0, 1, 2]);
    const d = only(swapped.result, 'replay-out-of-order');
    expect(d.requests).toEqual(ids(swapped.replays));
    expect(d.message).toContain('Originals: GET /api/b (a2), GET /api/a (a1), GET /api/c (a3)');
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
