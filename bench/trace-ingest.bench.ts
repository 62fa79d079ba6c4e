/**
 * The trace model fed as the panel feeds it: 100k events of a long recording
 * (steady traffic, a token expiry every few seconds handled in every way the
 * scenarios know, long requests, requests that never end), ingested in
 * batches of 100 with a snapshot after each. Goal: under 1 s in total.
 */
import type { TabEvent } from '../src/protocol';
import { TraceModel, analyzeEvents, toJsonReport } from '../src/trace';
import { TraceBuilder } from '../src/trace/testing/builder';
import * as scenarios from '../src/trace/testing/scenarios';
import type { Figures } from './run';

const TARGET_EVENTS = 100_000;
const BATCH = 100;
const EPISODE_EVERY_MS = 4_000;

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same recording. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Scenarios by how often they come up, and whether they leave the page a token named `new@<at>`. */
const MIX: Array<[(b: TraceBuilder, at: number) => unknown, boolean]> = [
  [scenarios.correctReactive, true], [scenarios.correctReactive, true], [scenarios.correctReactive, true],
  [scenarios.correctReactive, true], [(b, at) => scenarios.correctProactive(b, at, 'checked'), true],
  [scenarios.outOfOrder, true], [scenarios.onlyFirstReplayed, true], [scenarios.notQueued, true],
  [scenarios.replayRefusedOnce, false], [scenarios.staleReplay, false], [scenarios.stampede, false],
  [scenarios.retryLoop, false], [scenarios.refreshFailsRejects, false], [scenarios.overlappingEpisodes, false],
  [scenarios.refreshFailsHanging, false],
];

export function recording(target = TARGET_EVENTS): TabEvent[] {
  const rnd = random(42);
  const b = new TraceBuilder('s1');
  b.page(-1000).instance('api').instance('auth').instance('checked');
  let events = 0;
  let token = b.jwt('boot', { exp: 3_600_000_000 });
  // Estimated as it goes, so generate a little more and cut the recording at exactly `target`.
  for (let at = 0; events < target * 1.1; at += EPISODE_EVERY_MS) {
    const [scenario, leavesToken] = MIX[Math.floor(rnd() * MIX.length)];
    scenario(b, at);
    // After a failed recovery the page goes on with the token it had (the scenarios' servers accept it).
    if (leavesToken) token = b.jwt(`new@${at}`, { exp: at + 3_600_000 });
    events += 60;
    // Steady traffic until the next expiry: axios calls, some bare fetches, a few slow ones.
    for (let t = at + 300; t < at + EPISODE_EVERY_MS - 300; t += 15 + rnd() * 30) {
      const duration = rnd() < 0.03 ? 1000 + rnd() * 3000 : 20 + rnd() * 250;
      const path = `/api/items/${Math.floor(rnd() * 50)}`;
      if (rnd() < 0.15) {
        const f = b.fetch('GET', path).start(t, token);
        if (rnd() > 0.001) f.end(t + duration, 200);
        events += 2;
      } else {
        const call = b.axios(rnd() < 0.8 ? 'GET' : 'POST', path).enter(t).dispatch(t + 0.2, token);
        if (rnd() > 0.001) call.respond(t + duration, rnd() < 0.02 ? 500 : 200).settle(t + duration + 0.3, 200);
        events += 6;
      }
    }
  }
  return b.events().slice(0, target);
}

export default async function bench(): Promise<Figures> {
  const events = recording();
  const model = new TraceModel();
  let slowest = 0;
  const started = performance.now();
  for (let i = 0; i < events.length; i += BATCH) {
    const t = performance.now();
    model.ingest(events.slice(i, i + BATCH));
    model.snapshot();
    slowest = Math.max(slowest, performance.now() - t);
  }
  const totalMs = performance.now() - started;
  const result = model.snapshot();

  const oneShotStart = performance.now();
  const oneShot = analyzeEvents(events);
  const oneShotMs = performance.now() - oneShotStart;

  return {
    events: events.length,
    batches: Math.ceil(events.length / BATCH),
    totalMs: Math.round(totalMs),
    eventsPerSecond: Math.round(events.length / (totalMs / 1000)),
    slowestBatchMs: Number(slowest.toFixed(2)),
    oneShotMs: Math.round(oneShotMs),
    requests: result.requests.length,
    episodes: result.episodes.length,
    diagnostics: result.diagnostics.length,
    sameAsOneShot: JSON.stringify(toJsonReport(result)) === JSON.stringify(toJsonReport(oneShot)),
    underOneSecond: totalMs < 1000,
  };
}
