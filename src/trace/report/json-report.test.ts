import { describe, expect, it } from 'vitest';
import { TraceBuilder } from '../testing/builder';
import { analyze } from '../testing/inspect';
import * as s from '../testing/scenarios';
import { hasErrors, toJsonReport } from './json-report';

describe('toJsonReport', () => {
  it('has the contract fields of SPEC, with null for what is missing', () => {
    const b = new TraceBuilder();
    const { expired, refresh, replays } = s.outOfOrder(b);
    const report = JSON.parse(JSON.stringify(toJsonReport(analyze(b))));
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['requests', 'episodes', 'diagnostics']));
    const first = report.requests[0];
    for (const k of ['id', 'method', 'url', 'role', 'replayOf', 'status', 'start', 'end']) expect(first).toHaveProperty(k);
    expect(first).toMatchObject({ id: expired[0].id, method: 'GET', role: 'expired', replayOf: null, status: 401 });
    expect(report.requests.find((r: { id: string }) => r.id === replays[1].id).replayOf).toBe(expired[0].id);
    expect(report.episodes).toEqual([
      expect.objectContaining({ id: 'e1', outcome: 'recovered', expired: expired.map((e) => e.id), queued: [], refreshes: [refresh.id], replays: replays.map((r) => r.id), end: expect.any(Number) }),
    ]);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ rule: 'replay-out-of-order', severity: 'error', episode: 'e1', requests: replays.map((r) => r.id), message: expect.any(String) }),
    ]);
  });

  it('tells the CLI when an error-severity diagnostic fired', () => {
    const warn = new TraceBuilder();
    s.refreshFailsRejects(warn);
    expect(hasErrors(analyze(warn))).toBe(false);
    const err = new TraceBuilder();
    s.stampede(err);
    expect(hasErrors(analyze(err))).toBe(true);
  });

  it('reports a request still in flight with null end and status', () => {
    const b = new TraceBuilder();
    b.fetch('GET', '/slow').start(0);
    expect(toJsonReport(analyze(b)).requests[0]).toMatchObject({ status: null, end: null, pending: true, episode: null });
  });
});
