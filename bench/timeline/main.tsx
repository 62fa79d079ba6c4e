/**
 * Runs in Chromium: renders the panel's timeline with a big recording and
 * measures the first paint and the cost of each zoom and pan step. Results
 * go to window.__bench for the harness (bench/timeline.bench.ts) to read.
 */
import { render } from 'preact';
import { analyzeEvents } from '../../src/trace/model';
import { buildLayout } from '../../src/panel/timeline/layout';
import { Timeline } from '../../src/panel/timeline/Timeline';
import { bigRecording } from './recording';

const params = new URLSearchParams(location.search);
const requests = Number(params.get('requests') ?? 100_000);
const root = document.getElementById('root')!;

const nextTask = () => new Promise((r) => setTimeout(r, 0));
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function run() {
  const t0 = performance.now();
  const result = analyzeEvents(bigRecording(requests));
  const t1 = performance.now();

  // First paint: layout of every request, then the canvas drawn once.
  const layout = buildLayout(result);
  render(<Timeline layout={layout} origin={result.recordingStart ?? 0} onSelect={() => {}} episodeLabels={new Map()} theme="light" />, root);
  await nextTask();
  const t2 = performance.now();
  const canvas = root.querySelector('canvas')!;

  const frames: number[] = [];
  const shapes: number[] = [];
  const step = async (event: Event) => {
    const start = performance.now();
    canvas.dispatchEvent(event);
    await nextTask();
    frames.push(performance.now() - start);
    shapes.push(Number(canvas.dataset.shapes));
  };
  const rect = canvas.getBoundingClientRect();
  const at = (x: number) => ({ clientX: rect.left + x, clientY: rect.top + 200, bubbles: true, cancelable: true });
  // Zoom in to a few requests' width around several points, pan, zoom back out.
  for (const x of [300, 700, 1100]) {
    for (let i = 0; i < 25; i++) await step(new WheelEvent('wheel', { ...at(x), deltaY: -120 }));
    for (let i = 0; i < 10; i++) await step(new WheelEvent('wheel', { ...at(x), deltaX: 200 }));
    for (let i = 0; i < 25; i++) await step(new WheelEvent('wheel', { ...at(x), deltaY: 120 }));
  }
  (window as unknown as { __bench: unknown }).__bench = {
    requests: result.requests.length,
    lanes: layout.lanes.length,
    analyseMs: t1 - t0,
    firstPaintMs: t2 - t1,
    frames: frames.length,
    frameP50Ms: percentile(frames, 0.5),
    frameP95Ms: percentile(frames, 0.95),
    frameMaxMs: Math.max(...frames),
    shapesMax: Math.max(...shapes, Number(canvas.dataset.shapes)),
  };
}

run().catch((e) => ((window as unknown as { __bench: unknown }).__bench = { error: String(e?.stack ?? e) }));
