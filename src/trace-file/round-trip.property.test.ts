/**
 * Export then import gives the same model: for the native trace, and for a
 * HAR we wrote (it carries the native trace). A HAR stripped of that, as
 * another tool would save it, keeps every request that went on the wire.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TabEvent } from '../protocol';
import { analyzeEvents } from '../trace/model';
import { toJsonReport } from '../trace/report/json-report';
import { randomTrace } from '../trace/testing/random-trace';
import { exportFile, type ExportFormat } from './export-file';
import { readTraceText } from './read-file';

const canon = (events: readonly TabEvent[], endTime?: number) => JSON.stringify(toJsonReport(analyzeEvents(events, {}, endTime)));

function roundTrip(format: ExportFormat, events: TabEvent[], endTime: number, strip = false) {
  const result = analyzeEvents(events, {}, endTime);
  let text = exportFile(format, { events, result, creator: 'test' }).text;
  if (strip) {
    const har = JSON.parse(text);
    delete har.log._refreshLens;
    text = JSON.stringify(har);
  }
  const read = readTraceText(text);
  if (!read.ok) throw new Error(read.error);
  return { result, read: read.value };
}

// Later than every event, so that waiting requests turn stranded: the end time must travel too.
const late = (events: TabEvent[]) => Math.max(0, ...events.map((e) => e.t)) + 60_000;

describe('export then import', () => {
  for (const format of ['native', 'har'] as const) {
    it(`gives the same model through a ${format} file`, () => {
      fc.assert(
        fc.property(randomTrace, (events) => {
          const end = late(events);
          const { read } = roundTrip(format, events, end);
          expect(read.skipped).toBe(0);
          expect(read.endTime).toBe(end);
          expect(canon(read.events, read.endTime)).toBe(canon(events, end));
        }),
        { numRuns: 150 },
      );
    });
  }

  it('keeps every request that went on the wire through a plain HAR, with its method, URL, status and time', () => {
    fc.assert(
      fc.property(randomTrace, (events) => {
        const { result, read } = roundTrip('har', events, late(events), true);
        // HAR times are whole milliseconds, from when the request went on the wire.
        const sent = result.requests.filter((r) => r.transport).map((r) => `${r.method} ${r.url} ${r.status ?? 0} ${Math.floor(r.sent ?? r.start)}`);
        const again = analyzeEvents(read.events).requests.map((r) => `${r.method} ${r.url} ${r.status ?? 0} ${r.start}`);
        expect(again.sort()).toEqual(sent.sort());
      }),
      { numRuns: 100 },
    );
  });
});
