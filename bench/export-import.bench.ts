/**
 * Export and import of a 100k-event recording: every format's export (from
 * the analysed recording to the file's text) and the import of the native
 * trace and of HAR (from the file's text to checked events). Budgets: 1 s
 * each, native file at most 25 MiB. The analysis of the imported events is
 * the trace model's work and is reported apart (`analysisMs`).
 */
import { analyzeEvents } from '../src/trace/model';
import { TraceBuilder } from '../src/trace/testing/builder';
import { correctReactive, stampede } from '../src/trace/testing/scenarios';
import { exportFile, type ExportFormat } from '../src/trace-file/export-file';
import { readTraceText } from '../src/trace-file/read-file';
import type { Figures } from './run';

const TARGET_EVENTS = 100_000;

/** Steady traffic with a token per minute, and an expiry episode every few seconds. */
function recording() {
  const b = new TraceBuilder('s1');
  b.page(-10);
  const tokens = Array.from({ length: 200 }, (_, k) => b.jwt(`t${k}`, { exp: (k + 1) * 60_000, iat: k * 60_000, sub: 'user-1' }));
  let t = 0;
  for (let i = 0; b.events().length < TARGET_EVENTS; i++) {
    for (let k = 0; k < 500; k++, t += 20) {
      b.axios('GET', `/api/items/${k % 100}?page=${k % 7}`).run(t, tokens[Math.floor(t / 60_000)], t + 30, 200);
    }
    (i % 3 === 2 ? stampede : correctReactive)(b, t + 100);
    t += 1_000;
  }
  return b.events().slice(0, TARGET_EVENTS);
}

function median(run: () => void, times = 3): number {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    ms.push(performance.now() - start);
  }
  return Math.round(ms.sort((a, b) => a - b)[Math.floor(times / 2)]);
}

export default async function exportImport(): Promise<Figures> {
  const events = recording();
  const start = performance.now();
  const result = analyzeEvents(events);
  const analysisMs = Math.round(performance.now() - start);
  const input = { events, result, creator: 'bench' };
  const figures: Figures = { events: events.length, requests: result.requests.length, episodes: result.episodes.length, analysisMs };
  const texts = {} as Record<ExportFormat, string>;
  for (const format of ['native', 'har', 'perfetto'] as const) {
    figures[`${format}ExportMs`] = median(() => (texts[format] = exportFile(format, input).text));
    figures[`${format}MiB`] = Math.round((Buffer.byteLength(texts[format]) / 2 ** 20) * 10) / 10;
  }
  for (const format of ['native', 'har'] as const) {
    figures[`${format}ImportMs`] = median(() => {
      const read = readTraceText(texts[format]);
      if (!read.ok || read.value.events.length !== events.length) throw new Error(`${format} import lost events`);
    });
  }
  figures.exportWithin1s = ['native', 'har', 'perfetto'].every((f) => (figures[`${f}ExportMs`] as number) <= 1000);
  figures.importWithin1s = (figures.nativeImportMs as number) <= 1000 && (figures.harImportMs as number) <= 1000;
  figures.nativeWithin25MiB = (figures.nativeMiB as number) <= 25;
  return figures;
}
