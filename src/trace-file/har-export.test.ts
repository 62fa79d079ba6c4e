import { describe, expect, it } from 'vitest';
import { analyzeEvents } from '../trace/model';
import { TraceBuilder } from '../trace/testing/builder';
import { correctReactive, refreshFailsHanging } from '../trace/testing/scenarios';
import { toHar } from './har-export';
import type { HarEntry } from './har-types';

function harOf(build: (b: TraceBuilder) => void) {
  const b = new TraceBuilder();
  build(b.page(-5));
  const events = b.events();
  return toHar({ events, result: analyzeEvents(events, {}, events[events.length - 1].t + 60_000), creator: 'test' });
}

const phases = (e: HarEntry) => Object.values(e.timings).filter((x) => x >= 0).reduce((a, b) => a + b, 0);

describe('HAR export', () => {
  it('writes HAR 1.2 with one entry per request and its analysis in _ fields', () => {
    const har = harOf((b) => correctReactive(b));
    expect(har.log).toMatchObject({ version: '1.2', creator: { name: 'Refresh Lens' }, pages: [{ id: 's1', title: 'https://app.example/' }] });
    expect(har.log.entries.map((e) => e._role)).toEqual(['expired', 'expired', 'expired', 'refresh', 'replay', 'replay', 'replay']);
    const replay = har.log.entries[4];
    expect(replay).toMatchObject({ _episode: 'e1', _replayOf: 's1:a1', _resourceType: 'xhr', _tokenFingerprint: 'fp-new@0', pageref: 's1' });
    expect(replay.request.headers).toEqual([{ name: 'authorization', value: '[redacted; fingerprint fp-new@0]' }]);
  });

  it('gives every entry the fields HAR requires, with timings that add up to its time', () => {
    for (const e of harOf((b) => refreshFailsHanging(b)).log.entries) {
      expect(e.request.url).toMatch(/^https:\/\/app\.example\//);
      expect(Number.isNaN(Date.parse(e.startedDateTime))).toBe(false);
      expect(e.time).toBeGreaterThanOrEqual(0);
      expect(phases(e)).toBeCloseTo(e.time, 6);
      expect(e.response).toMatchObject({ content: expect.any(Object), headers: [], cookies: [], redirectURL: '' });
    }
  });

  it('marks requests the app queued but never sent, so they are not read back as sent', () => {
    const entries = harOf((b) => b.axios('GET', '/api/held').enter(10)).log.entries;
    expect(entries).toEqual([expect.objectContaining({ _neverSent: true, response: expect.objectContaining({ status: 0 }) })]);
  });
});
