import { describe, expect, it } from 'vitest';
import { TraceBuilder } from './testing/builder';
import { analyze, ids, only, roleOf, ruleIds } from './testing/inspect';
import * as s from './testing/scenarios';

describe('reactive refresh done right', () => {
  it('groups 3 concurrent 401s, one refresh and 3 ordered replays into one recovered episode, with no diagnostics', () => {
    const b = new TraceBuilder();
    const { expired, refresh, replays } = s.correctReactive(b);
    const result = analyze(b);
    expect(result.diagnostics).toEqual([]);
    expect(result.episodes).toHaveLength(1);
    const [ep] = result.episodes;
    expect(ep).toMatchObject({
      id: 'e1',
      trigger: 'auth-failure',
      outcome: 'recovered',
      expired: ids(expired),
      refreshes: [refresh.id],
      replays: ids(replays),
      queued: [],
      oldToken: 'fp-old@0',
      newTokens: ['fp-new@0'],
    });
    expect(ep.end).toBeGreaterThan(ep.start);
    for (const r of replays) expect(roleOf(result, r.id)).toBe('replay');
    expect(result.requests.find((r) => r.id === replays[1].id)?.replayOf).toBe(expired[1].id);
  });
});

describe('proactive refresh done right', () => {
  it('marks the held requests queued and reports nothing', () => {
    const b = new TraceBuilder();
    const { queued, refresh } = s.correctProactive(b);
    const result = analyze(b);
    expect(result.diagnostics).toEqual([]);
    expect(result.episodes).toHaveLength(1);
    expect(result.episodes[0]).toMatchObject({ trigger: 'proactive', outcome: 'recovered', queued: ids(queued), refreshes: [refresh.id], expired: [] });
    expect(roleOf(result, queued[1].id)).toBe('queued');
  });
});

describe('each bug is named', () => {
  it('stampede: three refreshes for one expiry', () => {
    const b = new TraceBuilder();
    const { refreshes } = s.stampede(b);
    const result = analyze(b);
    expect(ruleIds(result)).toEqual(['refresh-stampede']);
    expect(only(result, 'refresh-stampede')).toMatchObject({ severity: 'error', episode: 'e1', requests: ids(refreshes) });
  });

  it('replays out of order', () => {
    const b = new TraceBuilder();
    const { replays } = s.outOfOrder(b);
    const result = analyze(b);
    expect(ruleIds(result)).toEqual(['replay-out-of-order']);
    expect(only(result, 'replay-out-of-order').requests).toEqual(ids(replays));
    expect(result.episodes[0].replays).toEqual(ids(replays));
  });

  it('a failed refresh leaves the waiting requests stranded', () => {
    const b = new TraceBuilder();
    const { expired, refresh } = s.refreshFailsHanging(b);
    const result = analyze(b);
    expect(ruleIds(result).sort()).toEqual(['refresh-failed', 'request-stranded']);
    expect(only(result, 'request-stranded')).toMatchObject({ severity: 'error', requests: ids(expired) });
    expect(only(result, 'refresh-failed')).toMatchObject({ severity: 'warning', requests: [refresh.id] });
    expect(result.episodes[0].outcome).toBe('stranded');
    expect(result.requests.filter((r) => r.stranded).map((r) => r.id)).toEqual(ids(expired));
  });

  it('a 401 loop', () => {
    const b = new TraceBuilder();
    const { original, replays } = s.retryLoop(b);
    const result = analyze(b);
    expect(ruleIds(result)).toEqual(['retry-loop']);
    expect(only(result, 'retry-loop').requests).toEqual([original.id, ...ids(replays)]);
    expect(result.episodes).toHaveLength(1);
    expect(result.episodes[0].outcome).toBe('failed');
  });

  it('only the first request replayed', () => {
    const b = new TraceBuilder();
    const { expired } = s.onlyFirstReplayed(b);
    const result = analyze(b);
    expect(ruleIds(result)).toEqual(['replay-missing']);
    expect(only(result, 'replay-missing').requests).toEqual(ids(expired.slice(1)));
    expect(result.episodes[0].outcome).toBe('failed');
  });

  it('a replay with the stale token', () => {
    const b = new TraceBuilder();
    const { replay, original } = s.staleReplay(b);
    const result = analyze(b);
    expect(ruleIds(result)).toEqual(['stale-token-replay']);
    expect(only(result, 'stale-token-replay').requests).toEqual([replay.id, original.id]);
  });

  it('a request sent during the refresh with the old token', () => {
    const b = new TraceBuilder();
    const { late } = s.notQueued(b);
    const result = analyze(b);
    expect(ruleIds(result)).toEqual(['request-not-queued']);
    expect(only(result, 'request-not-queued')).toMatchObject({ severity: 'warning', requests: [late.id] });
    expect(roleOf(result, late.id)).toBe('expired');
  });

  it('an expired JWT sent by an app that checks exp', () => {
    const b = new TraceBuilder();
    const { late } = s.expiredTokenSent(b);
    const result = analyze(b);
    expect(ruleIds(result)).toEqual(['expired-token-sent']);
    const d = only(result, 'expired-token-sent');
    expect(d).toMatchObject({ severity: 'warning', requests: [late.id], episode: 'e2' });
    expect(d.message).toMatch(/expired 1 s earlier/);
  });
});

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
