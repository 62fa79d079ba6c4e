/**
 * The model's promises, checked on random recordings: arrival order does not
 * matter, a snapshot after each batch equals analysing everything so far from
 * scratch, and every request has exactly one role consistent with its episode.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TabEvent } from '../protocol';
import { analyzeEvents, TraceModel } from './model';
import { toJsonReport } from './report/json-report';
import { batches, randomTrace } from './testing/random-trace';
import { ROLES, type TraceResult } from './types';

const canon = (r: TraceResult) => JSON.stringify(toJsonReport(r));
const byTime = (events: readonly TabEvent[]) => [...events].sort((a, b) => a.t - b.t || a.seq - b.seq);
// Hundreds of runs each: about a second on a quiet machine, several on a busy one.
const slow = { timeout: 60_000 };

describe('TraceModel properties', () => {
  it('gives the same result whatever order the events arrive in, in whatever batches', slow, () => {
    fc.assert(
      fc.property(
        randomTrace.chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }))),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        ([events, shuffled], sizes) => {
          const expected = canon(analyzeEvents(byTime(events)));
          const model = new TraceModel();
          for (const batch of batches(shuffled, sizes)) {
            model.ingest(batch);
            model.snapshot();
          }
          expect(canon(model.snapshot())).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('after every batch, the incremental snapshot equals a fresh analysis of the events so far', slow, () => {
    fc.assert(
      fc.property(randomTrace, fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 4 }), fc.boolean(), (events, sizes, shuffle) => {
        const arrival = shuffle ? [...events].sort((a, b) => (a.seq * 7919 + a.t) % 13 - (b.seq * 7919 + b.t) % 13) : byTime(events);
        const model = new TraceModel();
        const soFar: TabEvent[] = [];
        for (const batch of batches(arrival, sizes)) {
          model.ingest(batch);
          soFar.push(...batch);
          const snap = model.snapshot();
          expect(canon(snap)).toBe(canon(analyzeEvents(byTime(soFar), {}, snap.recordingEnd)));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives every request exactly one role, matching the episode list it is in', slow, () => {
    fc.assert(
      fc.property(randomTrace, (events) => {
        const result = analyzeEvents(events);
        const listed = new Map<string, string>();
        for (const e of result.episodes) {
          const lists = { expired: e.expired, queued: e.queued, refresh: e.refreshes, replay: e.replays };
          for (const [role, list] of Object.entries(lists)) {
            for (const id of list) {
              expect(listed.has(id)).toBe(false);
              listed.set(id, role);
            }
          }
        }
        const seen = new Set<string>();
        for (const r of result.requests) {
          expect(seen.has(r.id)).toBe(false);
          seen.add(r.id);
          expect(ROLES).toContain(r.role);
          if (listed.has(r.id)) expect(listed.get(r.id)).toBe(r.role);
          if (r.role === 'expired' || r.role === 'queued') expect(listed.get(r.id)).toBe(r.role);
          if (r.episode !== undefined) expect(listed.has(r.id)).toBe(true);
          expect(r.pending && r.stranded).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
