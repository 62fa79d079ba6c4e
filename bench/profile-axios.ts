/**
 * Where the extension's per-request cost goes: runs the axios-overhead
 * bench page's zero-latency loop under the V8 CPU profiler, with the
 * extension loaded, and prints the self time of the hottest functions,
 * ours (page script, bridge) and the page's. A tool for optimising, not a
 * benchmark: profiling inflates small functions. `npx tsx bench/profile-axios.ts [requests] [bare]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer } from '../demo/server/server';
import { launchBareOnDisk, launchInstrumented } from '../e2e/support/differential';
import { writeBenchPage } from './fixtures/axios-overhead/files';

const N = Number(process.argv[2] ?? 20000);

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

const dir = mkdtempSync(join(tmpdir(), 'refresh-lens-profile-'));
writeBenchPage(dir);
const demo = await startDemoServer({ port: 0, distDir: dir, quiet: true, latencyMs: 0 });
// `bare` as the second argument profiles the page without the extension, for comparison.
const mode = process.argv[3] === 'bare' ? await launchBareOnDisk() : await launchInstrumented();
try {
  const page = await mode.context.newPage();
  await page.goto(`${demo.url}/bench.html`);
  await page.waitForFunction(() => typeof (window as unknown as { runLoop?: unknown }).runLoop === 'function');
  const run = (n: number) => page.evaluate((count) => (window as unknown as { runLoop(k: string, n: number): Promise<number> }).runLoop('zero', count), n);
  await run(3000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  const us = await run(N);
  await page.evaluate(() => new Promise((done) => setTimeout(done, 150)));
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    const f = node.callFrame;
    if (f.functionName === '(idle)') continue;
    total += t;
    const file = f.url.split('/').slice(-2).join('/') || '(native)';
    const key = `${f.functionName || '(anon)'} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + t);
    byFile.set(file, (byFile.get(file) ?? 0) + t);
  }
  console.log(`${N} requests, ${us.toFixed(1)} µs each (wall, profiled); busy ${(total / 1000).toFixed(0)} ms = ${(total / N).toFixed(2)} µs/request`);
  console.log('\nby file (µs/request):');
  for (const [k, v] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${(v / N).toFixed(2).padStart(7)}  ${k}`);
  console.log('\nby function (µs/request):');
  for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 70))) console.log(`${(v / N).toFixed(2).padStart(7)}  ${k}`);
} finally {
  await mode.close();
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
}
