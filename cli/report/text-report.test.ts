import { describe, expect, it } from 'vitest';
import { TraceBuilder } from '../../src/trace/testing/builder';
import { analyze } from '../../src/trace/testing/inspect';
import { correctReactive, refreshFailsHanging, stampede } from '../../src/trace/testing/scenarios';
import { textReport } from './text-report';

function reportOf(scenario: (b: TraceBuilder) => unknown): string {
  const b = new TraceBuilder();
  b.page(-5);
  scenario(b);
  return textReport(analyze(b), { source: 'http://127.0.0.1:5178/' });
}

describe('textReport', () => {
  it('a clean reactive trace: one episode listed in full, OK', () => {
    const lines = reportOf(correctReactive).split('\n');
    expect(lines[0]).toBe('Refresh Lens report: http://127.0.0.1:5178/');
    expect(lines[1]).toBe('7 requests, 1 episode, 0 errors, 0 warnings');
    expect(lines).toContain('Episode e1: recovered (auth failure at +45 ms, lasted 103 ms)');
    expect(lines).toContain('  expired (3)     GET /api/a (a1) 401');
    expect(lines).toContain('  refreshes (1)   POST /auth/refresh (a4) 200');
    // Replays are numbered in the order they were sent, each naming its original.
    expect(lines).toContain('  replays (3)     1. GET /api/a (a5) 200, replays a1');
    expect(lines).toContain('                  3. GET /api/c (a7) 200, replays a3');
    expect(lines).not.toContain('Diagnostics:');
    expect(lines.at(-2)).toBe('OK: no error diagnostic');
  });

  it('a stampede: every refresh listed, the error with its fix, FAIL', () => {
    const text = reportOf(stampede);
    expect(text).toContain('9 requests, 1 episode, 1 error, 0 warnings');
    expect(text).toMatch(/refreshes \(3\) +POST \/auth\/refresh \(a4\) 200\n +POST \/auth\/refresh \(a5\) 200\n +POST \/auth\/refresh \(a6\) 200\n/);
    expect(text).toMatch(/^ {2}ERROR {3}refresh-stampede \[e1\]: 3 refresh calls ran for one expired token/m);
    expect(text).toMatch(/^ {10}fix: .+/m);
    expect(text.trimEnd().split('\n').at(-1)).toBe('FAIL: 1 error diagnostic (exit status 1)');
  });

  it('a stranded episode says so, marks the requests that never settled and lists warnings too', () => {
    const text = reportOf(refreshFailsHanging);
    expect(text).toContain('Episode e1: STRANDED, requests were left waiting forever (auth failure at +45 ms, not settled)');
    expect(text).toContain('GET /api/a (a1) 401, never settled');
    expect(text).toMatch(/^ {2}ERROR {3}request-stranded \[e1\]/m);
    expect(text).toMatch(/^ {2}WARNING refresh-failed \[e1\]/m);
  });

  it('says when there is no episode at all, and names a HAR source', () => {
    const b = new TraceBuilder();
    b.page(0);
    b.fetch('GET', '/api/health').start(1).end(20, 200);
    const text = textReport(analyze(b), { source: 'site.har', kind: 'har' });
    expect(text).toContain('Refresh Lens report: site.har (HAR: network only, no axios view)');
    expect(text).toContain('No refresh episode');
    expect(text).toContain('OK: no error diagnostic');
  });
});
