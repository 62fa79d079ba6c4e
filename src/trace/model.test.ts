import { describe, expect, it } from 'vitest';
import { analyzeEvents, TraceModel } from './model';
import { toJsonReport } from './report/json-report';
import { TraceBuilder } from './testing/builder';
import { batches } from './testing/random-trace';
import * as s from './testing/scenarios';

function everything(): TraceBuilder {
  const b = new TraceBuilder();
  const all = [s.correctReactive, s.correctProactive, s.stampede, s.outOfOrder, s.refreshFailsRejects, s.retryLoop, s.onlyFirstReplayed, s.staleReplay, s.notQueued, s.replayRefusedOnce, s.overlappingEpisodes, s.refreshFailsHanging];
  all.forEach((scenario, i) => scenario(b, i * 20_000));
  return b;
}

describe('TraceModel', () => {
  it('fed one event at a time, ends with what a one-shot analysis finds', () => {
    const events = everything().events();
    const model = new TraceModel();
    for (const batch of batches(events, [1])) {
      model.ingest(batch);
      model.snapshot();
    }
    const result = model.snapshot();
    expect(toJsonReport(result)).toEqual(toJsonReport(analyzeEvents(events)));
    expect(result.episodes).toHaveLength(13);
  });

  it('drops events it has already seen (history is sent again after a reconnect)', () => {
    const events = everything().events();
    const model = new TraceModel();
    model.ingest(events);
    const first = JSON.stringify(toJsonReport(model.snapshot()));
    model.ingest(events.slice(0, 50));
    expect(model.eventCount).toBe(events.length);
    expect(JSON.stringify(toJsonReport(model.snapshot()))).toBe(first);
  });

  it('returns the same snapshot until something changes, then a new version', () => {
    const b = new TraceBuilder();
    s.correctReactive(b);
    const model = new TraceModel();
    model.ingest(b.events());
    const one = model.snapshot();
    expect(model.snapshot()).toBe(one);
    model.ingest([{ type: 'token-reads', t: one.recordingEnd! + 1, store: 'cookie', count: 1, seq: 999, session: 's1' }]);
    const two = model.snapshot();
    expect(two).not.toBe(one);
    expect(two.version).toBeGreaterThan(one.version);
  });

  it('turns pending into stranded as the live clock passes the timeout, and back if asked about an earlier time', () => {
    const b = new TraceBuilder();
    s.endsMidEpisode(b);
    const model = new TraceModel({ strandedTimeoutMs: 2000 });
    model.ingest(b.events());
    const end = model.snapshot().recordingEnd!;
    expect(model.snapshot(end + 1000).episodes[0].outcome).toBe('pending');
    expect(model.snapshot(end + 3000).episodes[0].outcome).toBe('stranded');
    expect(model.snapshot(end).episodes[0].outcome).toBe('pending');
  });

  it('forgets everything on reset', () => {
    const model = new TraceModel();
    model.ingest(everything().events());
    model.snapshot();
    model.reset();
    expect(model.eventCount).toBe(0);
    expect(model.snapshot()).toMatchObject({ requests: [], episodes: [], diagnostics: [], tokens: [] });
  });

  it('serialises its results without cycles', () => {
    const b = new TraceBuilder();
    s.correctReactive(b);
    const parsed = JSON.parse(JSON.stringify(analyzeEvents(b.events())));
    expect(parsed.requests[0]).toMatchObject({ role: 'expired', episode: 'e1' });
    expect(parsed.requests[0]).not.toHaveProperty('episodeLink');
    expect(parsed.tokens.find((g: { fp: string }) => g.fp === 'fp-new@0')).toMatchObject({ locations: ['cookie', 'header'], carriedBy: ['s1:a5', 's1:a6', 's1:a7'], producedBy: 's1:a4' });
  });
});
