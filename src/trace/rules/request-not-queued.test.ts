import { describe, expect, it } from 'vitest';
import { TraceBuilder } from '../testing/builder';
import { analyze, only } from '../testing/inspect';
import * as s from '../testing/scenarios';

describe('request-not-queued', () => {
  it('names a request sent with the old token while the refresh was in flight', () => {
    const b = new TraceBuilder();
    const { late } = s.notQueued(b);
    const d = only(analyze(b), 'request-not-queued');
    expect(d).toMatchObject({ severity: 'warning', episode: 'e1', requests: [late.id] });
    expect(d.message).toMatch(/GET \/api\/late \(a3\) \(the first 20 ms after the refresh started\)/);
  });

  it('ignores requests with another token, and requests held until the refresh ended', () => {
    const b = new TraceBuilder();
    s.correctReactive(b);
    const other = b.jwt('other-api', { exp: 3_600_000 });
    b.axios('GET', '/other/x', { instance: 'other' }).run(60, other, 70, 200);
    // In an instance of its own: holding requests is how an app shows it checks exp before sending.
    const held = b.axios('GET', '/api/held', { instance: 'held' }).enter(60);
    held.dispatch(90.2, b.jwt('new@0')).respond(120, 200).settle(120.1, 200);
    const result = analyze(b);
    expect(result.diagnostics).toEqual([]);
    expect(result.requests.find((r) => r.id === held.id)?.role).toBe('queued');
  });
});
