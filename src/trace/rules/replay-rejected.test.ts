import { describe, expect, it } from 'vitest';
import { TraceBuilder } from '../testing/builder';
import { analyze, only, ruleIds } from '../testing/inspect';
import * as s from '../testing/scenarios';

describe('replay-rejected', () => {
  it('fires when a replay with the new token is refused again', () => {
    const b = new TraceBuilder();
    const { replay, original } = s.replayRefusedOnce(b);
    const d = only(analyze(b), 'replay-rejected');
    expect(d).toMatchObject({ severity: 'warning', episode: 'e1', requests: [replay.id, original.id] });
    expect(d.message).toMatch(/carried a new token and was refused again with 401/);
  });

  it('leaves stale replays and loops to their own rules', () => {
    const stale = new TraceBuilder();
    s.staleReplay(stale);
    expect(ruleIds(analyze(stale))).toEqual(['stale-token-replay']);
    const loop = new TraceBuilder();
    s.retryLoop(loop);
    expect(ruleIds(analyze(loop))).toEqual(['retry-loop']);
  });
});
