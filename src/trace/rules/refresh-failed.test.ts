import { describe, expect, it } from 'vitest';
import { TraceBuilder } from '../testing/builder';
import { analyze, only } from '../testing/inspect';
import * as s from '../testing/scenarios';

describe('refresh-failed', () => {
  it('reports a refused refresh with a sign-out hint', () => {
    const b = new TraceBuilder();
    const { refresh } = s.refreshFailsRejects(b);
    const d = only(analyze(b), 'refresh-failed');
    expect(d).toMatchObject({ severity: 'warning', episode: 'e1', requests: [refresh.id] });
    expect(d.message).toBe('The refresh call POST /auth/refresh (a3) in episode e1 failed with status 401.');
    expect(d.hint).toMatch(/sign the user out/);
  });

  it('reports a server error or a network error with a retry hint', () => {
    const b = new TraceBuilder();
    s.refreshFailsHanging(b);
    expect(only(analyze(b), 'refresh-failed').hint).toMatch(/retry the refresh only with a limit/);
    const n = new TraceBuilder();
    const a = n.fetch('GET', '/api/a').start(0, n.jwt('old', { exp: -1 })).end(30, 401);
    n.fetch('POST', '/auth/refresh').start(31).end(60, 0, 'network');
    const result = analyze(n);
    expect(only(result, 'refresh-failed').message).toMatch(/failed with a network error/);
    expect(result.episodes[0].expired).toEqual([a.id]);
  });
});
