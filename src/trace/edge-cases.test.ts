import { describe, expect, it } from 'vitest';
import { TraceBuilder } from './testing/builder';
import { analyze, ids, only, roleOf, ruleIds } from './testing/inspect';
import * as s from './testing/scenarios';

describe('edge cases', () => {
  it('overlapping episodes of two tokens stay apart', () => {
    const b = new TraceBuilder();
    const x = s.overlappingEpisodes(b);
    const result = analyze(b);
    expect(result.diagnostics).toEqual([]);
    expect(result.episodes.map((e) => [e.expired, e.refreshes, e.replays, e.outcome])).toEqual([
      [[x.a.id], [x.refreshA.id], [x.replayA.id], 'recovered'],
      [[x.b.id], [x.refreshB.id], [x.replayB.id], 'recovered'],
    ]);
  });

  it('two axios instances sharing one token make one episode', () => {
    const b = new TraceBuilder();
    s.correctReactive(b, 0, ['api', 'admin', 'api']);
    const result = analyze(b);
    expect(result.diagnostics).toEqual([]);
    expect(result.episodes).toHaveLength(1);
    expect(result.episodes[0].instances).toEqual(['s1:admin', 's1:api', 's1:auth']);
  });

  it('a refresh that fails and rejects its waiters is failed, not stranded', () => {
    const b = new TraceBuilder();
    s.refreshFailsRejects(b);
    const result = analyze(b);
    expect(ruleIds(result)).toEqual(['refresh-failed']);
    expect(result.episodes[0].outcome).toBe('failed');
    expect(result.requests.some((r) => r.stranded || r.pending)).toBe(false);
    expect(only(result, 'refresh-failed').hint).toMatch(/sign the user out/);
  });

  it('a proactive refresh on a page whose clock is off: queued, no false expired-token warning', () => {
    const b = new TraceBuilder();
    const { held, before, skew } = s.proactiveWithSkew(b);
    const result = analyze(b);
    expect(result.episodes).toHaveLength(1);
    expect(result.episodes[0]).toMatchObject({ trigger: 'proactive', outcome: 'recovered', queued: [held.id] });
    expect(Math.abs(result.clockSkewMs - skew)).toBeLessThan(1000);
    expect(result.diagnostics).toEqual([]);
    // Read on the page clock instead, the request before the refresh looks like it carried an expired token.
    const naive = analyze(b, { clockSkewThresholdMs: 10 * 60_000 });
    expect(only(naive, 'expired-token-sent').requests).toEqual([before.id]);
  });

  it('a replay refused once: replay-rejected, not a loop', () => {
    const b = new TraceBuilder();
    const { replay } = s.replayRefusedOnce(b);
    const result = analyze(b);
    expect(ruleIds(result)).toEqual(['replay-rejected']);
    expect(only(result, 'replay-rejected').requests[0]).toBe(replay.id);
  });

  it('a recording that ends mid-episode leaves requests pending, not stranded', () => {
    const b = new TraceBuilder();
    const { expired, refresh } = s.endsMidEpisode(b);
    const result = analyze(b);
    expect(result.diagnostics).toEqual([]);
    expect(result.episodes[0].outcome).toBe('pending');
    expect(result.episodes[0].end).toBeUndefined();
    for (const id of [...ids(expired), refresh.id]) {
      expect(result.requests.find((r) => r.id === id)).toMatchObject({ pending: true, stranded: false });
    }
    // The same recording, looked at 10 s later, has them stranded.
    const later = analyze(b, {}, result.recordingEnd! + 10_000);
    expect(later.episodes[0].outcome).toBe('stranded');
    expect(ruleIds(later)).toEqual(['request-stranded']);
  });

  it('requests with no token at all are normal, with no episodes', () => {
    const b = new TraceBuilder();
    for (let i = 0; i < 5; i++) b.axios('GET', `/public/${i}`).run(i * 10, undefined, i * 10 + 30, 200);
    b.fetch('GET', '/health').start(3).end(20, 200);
    const result = analyze(b);
    expect(result.episodes).toEqual([]);
    expect(result.diagnostics).toEqual([]);
    expect(result.tokens).toEqual([]);
    expect(result.requests.map((r) => r.role)).toEqual(Array(6).fill('normal'));
  });

  it('a 401 with no token opens an episode keyed "none" that fails quietly without a refresh', () => {
    const b = new TraceBuilder();
    const a = b.axios('GET', '/me').run(0, undefined, 30, 401);
    const result = analyze(b);
    expect(roleOf(result, a.id)).toBe('expired');
    expect(result.episodes[0]).toMatchObject({ oldToken: 'none', outcome: 'failed', refreshes: [] });
    expect(result.diagnostics).toEqual([]);
  });

  it('several scenarios in one recording keep their own episodes', () => {
    const b = new TraceBuilder();
    s.correctReactive(b, 0);
    s.stampede(b, 20_000);
    // Another instance: one that holds requests for a refresh is expected never to send an expired token.
    s.correctProactive(b, 40_000, 'checked');
    const result = analyze(b);
    expect(result.episodes.map((e) => e.trigger)).toEqual(['auth-failure', 'auth-failure', 'proactive']);
    expect(ruleIds(result)).toEqual(['refresh-stampede']);
    expect(only(result, 'refresh-stampede').episode).toBe('e2');
  });

  it('a reactive instance that sends expired tokens is flagged once the same instance is seen refreshing proactively', () => {
    const b = new TraceBuilder();
    s.correctReactive(b, 0);
    s.correctProactive(b, 40_000);
    const result = analyze(b);
    expect(ruleIds(result)).toEqual(Array(3).fill('expired-token-sent'));
  });
});
