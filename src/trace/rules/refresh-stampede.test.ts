import { describe, expect, it } from 'vitest';
import { TraceBuilder } from '../testing/builder';
import { analyze, ids, only } from '../testing/inspect';
import * as s from '../testing/scenarios';

describe('refresh-stampede', () => {
  it('names every refresh of the episode, with a fix that shares one refresh promise', () => {
    const b = new TraceBuilder();
    const { refreshes } = s.stampede(b);
    const d = only(analyze(b), 'refresh-stampede');
    expect(d).toMatchObject({ severity: 'error', episode: 'e1', requests: ids(refreshes) });
    expect(d.message).toMatch(/^3 refresh calls ran for one expired token in episode e1: POST \/auth\/refresh \(a4\)/);
    expect(d.hint).toMatch(/in-flight refresh promise/);
  });

  it('does not fire for one refresh, nor for the refreshes of a retry loop', () => {
    const one = new TraceBuilder();
    s.correctReactive(one);
    expect(analyze(one).diagnostics).toEqual([]);
    const loop = new TraceBuilder();
    s.retryLoop(loop);
    expect(analyze(loop).diagnostics.map((d) => d.rule)).not.toContain('refresh-stampede');
  });

  it('does not count the refreshes of two overlapping episodes together', () => {
    const b = new TraceBuilder();
    s.overlappingEpisodes(b);
    expect(analyze(b).diagnostics).toEqual([]);
  });
});
