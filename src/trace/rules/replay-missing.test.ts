import { describe, expect, it } from 'vitest';
import { analyzeEvents } from '../model';
import { TraceBuilder } from '../testing/builder';
import { analyze, ids, only, ruleIds } from '../testing/inspect';
import * as s from '../testing/scenarios';

describe('replay-missing', () => {
  it('names the expired requests that were rejected instead of replayed', () => {
    const b = new TraceBuilder();
    const { expired } = s.onlyFirstReplayed(b);
    const d = only(analyze(b), 'replay-missing');
    expect(d).toMatchObject({ severity: 'error', episode: 'e1', requests: ids(expired.slice(1)) });
    expect(d.message).toContain('only 1 request of 3 got a replay');
  });

  it('needs a successful refresh: a failed one is refresh-failed, not replay-missing', () => {
    const b = new TraceBuilder();
    s.refreshFailsRejects(b);
    expect(ruleIds(analyze(b))).toEqual(['refresh-failed']);
  });

  it('leaves requests still waiting to request-stranded', () => {
    const b = new TraceBuilder();
    const { expired } = s.onlyFirstReplayed(b);
    const events = b.events().filter((e) => !(e.type === 'axios-step' && e.step === 'settle' && e.id === expired[2].axiosId));
    const result = analyzeEvents(events, {}, events[events.length - 1].t + 10_000);
    expect(only(result, 'replay-missing').requests).toEqual([expired[1].id]);
    expect(only(result, 'request-stranded').requests).toEqual([expired[2].id]);
  });
});
