/**
 * The model on real recordings: traces of every demo scenario, recorded with
 * the built extension in Chromium (see e2e/record-fixtures.ts). Assertions
 * stick to what a scenario is about, not to ids a new recording would change.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TabEvent } from '../protocol';
import { analyzeEvents } from './model';
import type { TraceResult } from './types';

function fixture(name: string): TraceResult {
  const file = JSON.parse(readFileSync(new URL(`./fixtures/${name}.trace.json`, import.meta.url), 'utf8')) as { events: TabEvent[]; endTime?: number };
  return analyzeEvents(file.events, {}, file.endTime);
}

const rules = (r: TraceResult) => [...new Set(r.diagnostics.map((d) => d.rule))].sort();
const sizes = (r: TraceResult) =>
  r.episodes.map((e) => ({ trigger: e.trigger, outcome: e.outcome, expired: e.expired.length, queued: e.queued.length, refreshes: e.refreshes.length, replays: e.replays.length }));

describe('recorded traces of the demo scenarios', () => {
  it('reactive: one refresh, every 401 replayed, nothing to report', () => {
    const r = fixture('reactive');
    expect(sizes(r)).toEqual([{ trigger: 'auth-failure', outcome: 'recovered', expired: 5, queued: 0, refreshes: 1, replays: 5 }]);
    expect(r.diagnostics).toEqual([]);
    expect(r.requests.filter((q) => q.role === 'replay').every((q) => q.episode === 'e1' && q.replayOf !== undefined)).toBe(true);
  });

  it('proactive: the held requests are queued behind the one refresh', () => {
    const r = fixture('proactive');
    expect(sizes(r)).toEqual([{ trigger: 'proactive', outcome: 'recovered', expired: 0, queued: 5, refreshes: 1, replays: 0 }]);
    expect(r.diagnostics).toEqual([]);
  });

  it('out-of-order: replays in response order', () => {
    const r = fixture('out-of-order');
    expect(sizes(r)).toEqual([{ trigger: 'auth-failure', outcome: 'recovered', expired: 5, queued: 0, refreshes: 1, replays: 5 }]);
    expect(rules(r)).toEqual(['replay-out-of-order']);
  });

  it('first-only: one replay, four callers left with the 401', () => {
    const r = fixture('first-only');
    expect(sizes(r)).toEqual([{ trigger: 'auth-failure', outcome: 'failed', expired: 5, queued: 0, refreshes: 1, replays: 1 }]);
    expect(rules(r)).toEqual(['replay-missing']);
    expect(r.diagnostics[0].requests).toHaveLength(4);
  });

  it('stampede: a refresh per 401, the rotated refresh token refused', () => {
    const r = fixture('stampede');
    expect(r.episodes).toHaveLength(1);
    expect(r.episodes[0].refreshes.length).toBeGreaterThan(1);
    expect(rules(r)).toEqual(expect.arrayContaining(['refresh-stampede']));
  });

  it('loop: one request replayed again and again, each replay refused', () => {
    const r = fixture('loop');
    expect(r.episodes).toHaveLength(1);
    expect(rules(r)).toEqual(['retry-loop']);
  });

  it('refresh-fails: the refresh is refused and the waiting requests are never settled', () => {
    const r = fixture('refresh-fails');
    expect(sizes(r)).toEqual([{ trigger: 'auth-failure', outcome: 'stranded', expired: 5, queued: 0, refreshes: 1, replays: 0 }]);
    expect(rules(r)).toEqual(['refresh-failed', 'request-stranded']);
  });
});
