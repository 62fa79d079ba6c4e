/**
 * Where a page pays for the extension on the zero-latency loop: the page's
 * main-thread CPU per request split into the loop itself (the hooks and the
 * recording) and the wait after it, when the page script's batch timer
 * fires and the batch is written, handed to the bridge and posted to the
 * background (the same 120 ms the bench counts). Bare page and one page per
 * build, rounds interleaved, two tabs a lane taking them in turn.
 *
 * A diagnostic, not a benchmark: medians only, no pairing. In one run
 * (2-core VM, Chromium 150, 1000 requests a loop) the wait cost the bare
 * page 0.73 µs a request and the build of the day 1.39: 0.66 µs a request
 * of the extension's cost is its one batch a loop, about 0.3 ms of it fixed
 * (the runtime port's postMessage alone about 0.12 ms) whatever the size.
 *
 *   npx tsx bench/split-cpu.ts a=DIR [b=DIR ...]
 *
 * Env: ROUNDS (50; the first 4 are warm-up), REQUESTS per loop (1000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDemoServer } from '../demo/server/server';
import { closeBenchLane, openBenchLane, type BenchLane } from './bench-lane';
import { writeBenchPage } from './fixtures/axios-overhead/files';
import { median, threadTime } from './page-cpu';

const ROUNDS = Number(process.env.ROUNDS ?? 50);
const WARMUP = 4;
const REQUESTS = Number(process.env.REQUESTS ?? 1000);
const builds = [{ name: 'bare', dir: '' }, ...process.argv.slice(2).map((arg) => ({ name: arg.split('=')[0], dir: resolve(arg.split('=')[1] ?? '') }))];

const workDir = mkdtempSync(join(tmpdir(), 'refresh-lens-split-'));
writeBenchPage(workDir);
const demo = await startDemoServer({ port: 0, distDir: workDir, quiet: true, latencyMs: 0 });
const lanes: BenchLane[] = [];
try {
  for (const { name, dir } of builds) lanes.push(await openBenchLane(name, dir, `${demo.url}/bench.html`, [], 2));
  const loops = new Map<string, number[]>(builds.map(({ name }) => [name, []]));
  const waits = new Map<string, number[]>(builds.map(({ name }) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const lane of lanes) {
      const tab = lane.tabs[round % lane.tabs.length];
      const t0 = await threadTime(tab.cdp);
      await tab.page.evaluate((n) => (window as unknown as { runLoop(k: string, n: number): Promise<number> }).runLoop('zero', n), REQUESTS);
      const t1 = await threadTime(tab.cdp);
      await tab.page.evaluate(() => new Promise((done) => setTimeout(done, 120)));
      const t2 = await threadTime(tab.cdp);
      if (round < WARMUP) continue;
      loops.get(lane.name)!.push(((t1 - t0) * 1e6) / REQUESTS);
      waits.get(lane.name)!.push(((t2 - t1) * 1e6) / REQUESTS);
    }
  }
  console.log(`zero loop, ${ROUNDS - WARMUP} rounds x ${REQUESTS} requests, main-thread CPU µs per request (medians)`);
  for (const { name } of builds) {
    const loop = median(loops.get(name)!);
    const wait = median(waits.get(name)!);
    console.log(`${name.padEnd(12)} loop ${loop.toFixed(2)}  wait after it ${wait.toFixed(3)}`);
  }
} finally {
  for (const lane of lanes) await closeBenchLane(lane);
  await demo.close();
  rmSync(workDir, { recursive: true, force: true });
}
