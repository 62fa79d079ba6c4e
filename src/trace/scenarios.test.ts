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
