import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeEvents } from '../trace/model';
import { TraceBuilder } from '../trace/testing/builder';
import { randomTrace } from '../trace/testing/random-trace';
import * as scenarios from '../trace/testing/scenarios';
import { toChromeTrace } from './chrome-trace';
import type { ChromeTrace } from './chrome-trace-types';
import { checkChromeTrace } from './testing/check-chrome-trace';

function traceOf(build: (b: TraceBuilder) => void): ChromeTrace {
  const b = new TraceBuilder();
  b.page(-10);
  build(b);
  const events = b.events();
  return toChromeTrace({ events, result: analyzeEvents(events), creator: 'test' });
}

const flows = (trace: ChromeTrace) => trace.traceEvents.filter((e) => e.flow_out).map((e) => e.args?.why);

describe('Chrome trace export', () => {
  it('draws the reactive episode: role lanes, an arrow from each 401 to the refresh and one to its replay', () => {
    const trace = traceOf((b) => scenarios.correctReactive(b));
    expect(checkChromeTrace(trace)).toEqual([]);
    const lanes = trace.traceEvents.filter((e) => e.ph === 'b').map((e) => e.name);
    expect(lanes.sort()).toEqual(['expired', 'expired', 'expired', 'refresh', 'replay', 'replay', 'replay']);
    expect(flows(trace).sort()).toEqual(['refresh', 'refresh', 'refresh', 'replay', 'replay', 'replay']);
    expect(trace.traceEvents.find((e) => e.ph === 'M' && e.name === 'process_name')?.args?.name).toBe('Page https://app.example/');
  });

  it('keeps every time in whole microseconds from the start of the recording', () => {
    const trace = traceOf((b) => scenarios.correctReactive(b, 1000));
    const begin = trace.traceEvents.find((e) => e.ph === 'b')!;
    // The page started at -10 ms and the first request at 1000 ms: 1,010,000 µs later.
    expect(begin.ts).toBe(1_010_000);
  });

  for (const name of Object.keys(scenarios) as Array<keyof typeof scenarios>) {
    it(`is structurally valid for the ${name} scenario`, () => {
      expect(checkChromeTrace(traceOf((b) => scenarios[name](b)))).toEqual([]);
    });
  }

  it('is structurally valid for random recordings', () => {
    fc.assert(
      fc.property(randomTrace, (events) => {
        const trace = toChromeTrace({ events, result: analyzeEvents(events), creator: 'test' });
        expect(checkChromeTrace(trace)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('has a checker that notices a slice without its end and a flow without its finish', () => {
    const trace = traceOf((b) => scenarios.correctReactive(b));
    const firstEnd = trace.traceEvents.findIndex((e) => e.ph === 'e');
    const firstIn = trace.traceEvents.findIndex((e) => e.flow_in);
    const broken = { ...trace, traceEvents: trace.traceEvents.filter((_, i) => i !== firstEnd && i !== firstIn) };
    const problems = checkChromeTrace(broken);
    expect(problems.some((p) => p.includes('never ends'))).toBe(true);
    expect(problems.some((p) => p.includes('no finish'))).toBe(true);
  });
});
