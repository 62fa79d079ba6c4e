import { describe, expect, it } from 'vitest';
import { TraceBuilder } from '../testing/builder';
import { analyze, ids, only } from '../testing/inspect';
import * as s from '../testing/scenarios';

describe('request-stranded', () => {
  it('names the waiting requests nobody settled and says why', () => {
    const b = new TraceBuilder();
    const { expired } = s.refreshFailsHanging(b);
    const d = only(analyze(b), 'request-stranded');
    expect(d).toMatchObject({ severity: 'error', episode: 'e1', requests: ids(expired) });
    expect(d.message).toMatch(/The refresh failed and they were neither replayed nor rejected/);
    expect(d.hint).toMatch(/reject them all when it fails/);
  });

  it('waits a moment after the episode went quiet, and longer while its refresh is in flight', () => {
    const b = new TraceBuilder();
    s.refreshFailsHanging(b);
    expect(analyze(b, { settleGraceMs: 60_000 }).diagnostics.map((d) => d.rule)).toEqual(['refresh-failed']);
    const slow = new TraceBuilder();
    s.endsMidEpisode(slow);
    const end = slow.events().at(-1)!.t;
    expect(analyze(slow, {}, end + 4000).episodes[0].outcome).toBe('pending');
    expect(analyze(slow, {}, end + 6000).episodes[0].outcome).toBe('stranded');
  });

  it('covers queued requests held behind a refresh that never answers', () => {
    const b = new TraceBuilder();
    const held = b.axios('GET', '/api/a').enter(0);
    b.axios('POST', '/auth/refresh', { instance: 'auth' }).enter(0.3).dispatch(0.4);
    b.reads(20_000);
    const result = analyze(b);
    expect(result.requests.find((r) => r.id === held.id)).toMatchObject({ role: 'queued', stranded: true });
    expect(only(result, 'request-stranded').message).toMatch(/the refresh call never answered/i);
  });
});
