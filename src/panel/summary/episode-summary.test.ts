import { describe, expect, it } from 'vitest';
import { analyzeEvents } from '../../trace/model';
import { TraceBuilder } from '../../trace/testing/builder';
import { correctProactive, correctReactive, outOfOrder, stampede } from '../../trace/testing/scenarios';
import { summarizeEpisode } from './episode-summary';

function summaries(scenario: (b: TraceBuilder) => unknown) {
  const b = new TraceBuilder();
  scenario(b);
  const result = analyzeEvents(b.events());
  const byId = new Map(result.requests.map((r) => [r.id, r]));
  return result.episodes.map((e) => summarizeEpisode(e, byId));
}

describe('summarizeEpisode', () => {
  it('reads at a glance for the correct reactive flow', () => {
    const [s] = summaries((b) => correctReactive(b));
    expect(s.text).toMatch(/^e1: 3 requests expired → 1 refresh \(\d+ ms\) → 3 replays, in order · recovered/);
    expect(s.bad).toBe(false);
  });

  it('says what went wrong in a stampede and out-of-order replays', () => {
    expect(summaries((b) => stampede(b))[0]).toMatchObject({ text: expect.stringContaining('3 refreshes for one expiry'), bad: true });
    expect(summaries((b) => outOfOrder(b))[0]).toMatchObject({ text: expect.stringContaining('3 replays, out of order'), bad: true });
  });

  it('describes a proactive refresh with its queue', () => {
    const [s] = summaries((b) => correctProactive(b));
    expect(s.text).toContain('2 requests queued');
    expect(s.text).toContain('1 refresh');
  });
});
