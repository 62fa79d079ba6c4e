import { describe, expect, it } from 'vitest';
import { TraceBuilder } from '../testing/builder';
import { analyze, ids, only, ruleIds } from '../testing/inspect';
import * as s from '../testing/scenarios';

describe('retry-loop', () => {
  it('names the original and every replay of it', () => {
    const b = new TraceBuilder();
    const { original, replays } = s.retryLoop(b);
    const d = only(analyze(b), 'retry-loop');
    expect(d).toMatchObject({ severity: 'error', episode: 'e1', requests: [original.id, ...ids(replays)] });
    expect(d.message).toBe('GET /api/a (a1) was replayed 3 times in episode e1; 3 of those replays came back refused again.');
  });

  it('does not fire for a single replay, even a refused one', () => {
    const b = new TraceBuilder();
    s.replayRefusedOnce(b);
    expect(ruleIds(analyze(b))).toEqual(['replay-rejected']);
  });
});
