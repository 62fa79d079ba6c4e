import { describe, expect, it } from 'vitest';
import { TraceBuilder } from '../testing/builder';
import { analyze, ids, only } from '../testing/inspect';
import * as s from '../testing/scenarios';

describe('replay-out-of-order', () => {
  it('lists originals and replays in the order each went out', () => {
    const b = new TraceBuilder();
    const { replays } = s.outOfOrder(b);
    const d = only(analyze(b), 'replay-out-of-order');
    expect(d).toMatchObject({ severity: 'error', episode: 'e1', requests: ids(replays) });
    expect(d.message).toContain('Originals: GET /api/a (a1), GET /api/b (a2), GET /api/c (a3); replays: GET /api/c (a5), GET /api/a (a6), GET /api/b (a7)');
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
