/**
 * Two or more builds of the extension, side by side in one run: the same
 * bench page (bench/fixtures/axios-overhead) in one Chromium per build plus
 * one without any extension, their loops interleaved round by round. A tool
 * for deciding whether a change to the page script pays, not a benchmark:
 * on a noisy machine only a difference measured this way, paired within
 * each round, means anything (two runs of `npm run bench` disagree by more
 * than most single changes save).
 *
 *   npx vite build --outDir /tmp/a ... (or copy extension/ before a change)
 *   npx tsx bench/compare-builds.ts before=/tmp/a after=extension
 *
 * Env: ROUNDS (default 61), REQUESTS per loop (1000), KIND (zero | xhr | fetch),
 * TABS (3): tabs per lane, each a renderer process of its own, taking the
 * rounds in turn (bench-lane.ts: one process's figures carry a bias),
 * WARMUP (30): unmeasured loops per tab before the rounds (V8 takes some
 * 15 to 26 loops to optimise both pages' hot functions: axios-overhead.bench.ts).
 * Prints, per build, the page's main-thread CPU per request: median, 10th
 * percentile, and the paired median of its difference and ratio to the bare
 * page, the ratio with its 95% interval (page-cpu.ts medianInterval).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDemoServer } from '../demo/server/server';
import { closeBenchLane, openBenchLane, type BenchLane } from './bench-lane';
import { writeBenchPage } from './fixtures/axios-overhead/files';
import { median, medianInterval, p10, threadTime } from './page-cpu';

const ROUNDS = Number(process.env.ROUNDS ?? 61);
const REQUESTS = Number(process.env.REQUESTS ?? 1000);
const KIND = process.env.KIND ?? 'zero';
const TABS = Number(process.env.TABS ?? 3);
const WARMUP = Number(process.env.WARMUP ?? 30);

const builds = process.argv.slice(2).map((arg) => {
  const [name, dir] = arg.split('=');
  if (!name || !dir || !existsSync(join(dir, 'manifest.json'))) throw new Error(`expected name=dir of a built extension, got "${arg}"`);
  return { name, dir: resolve(dir) };
});
if (builds.length === 0) throw new Error('usage: npx tsx bench/compare-builds.ts name=dir [name=dir ...]');

const pageDir = mkdtempSync(join(tmpdir(), 'refresh-lens-compare-'));
writeBenchPage(pageDir);
const demo = await startDemoServer({ port: 0, distDir: pageDir, quiet: true, latencyMs: 0 });
const lanes: BenchLane[] = [];
try {
  for (const { name, dir } of [{ name: 'bare', dir: '' }, ...builds]) {
    const lane = await openBenchLane(name, dir, `${demo.url}/bench.html`, [], TABS);
    lanes.push(lane);
    const instrumented = await lane.page.evaluate("Object.getOwnPropertyDescriptor(Function.prototype, 'Axios') !== undefined");
    // UNINSTRUMENTED=1 allows builds that install no axios hooks (to measure the extension's mere presence).
    if (instrumented !== Boolean(dir) && !(dir && process.env.UNINSTRUMENTED === '1')) throw new Error(`${name}: the page is ${instrumented ? '' : 'not '}instrumented`);
  }
  // WARMUP loops per tab first (unmeasured), then each round runs every lane once, the order rotating.
  for (let round = -WARMUP * TABS; round < ROUNDS; round++) {
    for (let i = 0; i < lanes.length; i++) {
      const lane = lanes[(((i + round) % lanes.length) + lanes.length) % lanes.length];
      // Each tab warms up too: the rounds before 0 run every one of them.
      const { page, cdp } = lane.tabs[(round + WARMUP * TABS) % TABS];
      const before = await threadTime(cdp);
      await page.evaluate(`runLoop(${JSON.stringify(KIND)}, ${REQUESTS})`);
      // The last batch is sent 50 ms after the loop: counted, like every other.
      await page.evaluate('new Promise((done) => setTimeout(done, 120))');
      if (round >= 0) lane.cpu.push(((await threadTime(cdp)) - before) * 1e6 / REQUESTS);
    }
  }
  const bare = lanes[0].cpu;
  console.log(`${KIND} loop, ${ROUNDS} rounds x ${REQUESTS} requests, main-thread CPU µs per request`);
  for (const { name, cpu } of lanes) {
    const added = median(cpu.map((x, i) => x - bare[i]));
    const ratios = cpu.map((x, i) => x / bare[i]);
    const ratio = median(ratios);
    const [low, high] = medianInterval(ratios);
    // Per tab: how far apart one build's processes are (TABS > 1).
    const perTab = TABS > 1 ? `  per tab +${Array.from({ length: TABS }, (_, t) => median(cpu.flatMap((x, i) => (i % TABS === t ? [x - bare[i]] : []))).toFixed(1)).join(' +')}` : '';
    console.log(`${name.padEnd(14)} median ${median(cpu).toFixed(1).padStart(7)}  p10 ${p10(cpu).toFixed(1).padStart(7)}  paired +${added.toFixed(1).padStart(5)}  ×${ratio.toFixed(3)} (95%: ×${low.toFixed(3)}..${high.toFixed(3)})${perTab}`);
  }
} finally {
  for (const lane of lanes) await closeBenchLane(lane);
  await demo.close();
  rmSync(pageDir, { recursive: true, force: true });
}
