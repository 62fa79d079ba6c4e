/**
 * What the page's garbage collector does during the zero-latency loop, per
 * build: one Chromium per build (and one bare), each running LOOPS loops of
 * the bench page one after the other, with V8's --trace-gc-nvp. Prints, per
 * page process, its scavenges (young-generation collections): how many, their
 * mean and total pause, and what each promoted to the old generation.
 *
 * A diagnostic, not a benchmark. Only the page's own process counts: the
 * extension's service worker collects often too (it decodes every batch),
 * and a first version that mixed its collections in with the page's
 * reported the page paying twice the bare page's pauses. Counted apart
 * (2-core VM, 30 loops), the page paid 100 to 109 ms against 90 to 98 ms
 * bare: about 0.3 to 0.6 µs a request.
 *
 *   npx tsx bench/gc-trace.ts a=/tmp/a [b=/tmp/b ...]
 *
 * Env: LOOPS (30), REQUESTS per loop (1000), JS_FLAGS (more V8 flags).
 * Playwright passes on what the browser prints only when its debug log
 * `pw:browser` is on: the tool runs itself again with it, and keeps those
 * lines from the terminal.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDemoServer } from '../demo/server/server';
import { closeBenchLane, openBenchLane } from './bench-lane';
import { writeBenchPage } from './fixtures/axios-overhead/files';

if (!process.env.DEBUG?.includes('pw:browser')) {
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { env: { ...process.env, DEBUG: 'pw:browser' }, stdio: 'inherit' });
  process.exit(child.status ?? 1);
}
const printed: string[] = [];
const writeErr = process.stderr.write.bind(process.stderr);
process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  const text = String(chunk);
  // "<time> pw:browser [pid=N][out] <line>": a browser process's output, kept, not shown.
  const out = /pw:browser \[pid=\d+\]\[(?:out|err)\] (.*)/s.exec(text);
  if (out) printed.push(out[1].replace(/\n$/, ''));
  else if (!text.includes('pw:browser')) return (writeErr as (...a: unknown[]) => boolean)(chunk, ...rest);
  return true;
}) as typeof process.stderr.write;

const LOOPS = Number(process.env.LOOPS ?? 30);
const REQUESTS = Number(process.env.REQUESTS ?? 1000);
const builds = [{ name: 'bare', dir: '' }, ...process.argv.slice(2).map((arg) => ({ name: arg.split('=')[0], dir: resolve(arg.split('=')[1] ?? '') }))];

interface Scavenge {
  pause: number;
  promoted: number;
}

/** V8 prints one JSON object per collection, after "GC: ", on the renderer's stdout. */
function scavengesOf(lines: string[]): Map<string, Scavenge[]> {
  const byProcess = new Map<string, Scavenge[]>();
  for (const line of lines) {
    const m = /^\[(\d+):[^\]]*\][^{]*GC: (\{.*\})\s*$/.exec(line);
    if (!m) continue;
    let gc: { gc?: string; pause?: number; promoted?: number };
    try {
      gc = JSON.parse(m[2]);
    } catch {
      continue;
    }
    if (gc.gc !== 's' || typeof gc.pause !== 'number' || typeof gc.promoted !== 'number') continue;
    const list = byProcess.get(m[1]) ?? [];
    list.push({ pause: gc.pause, promoted: gc.promoted });
    byProcess.set(m[1], list);
  }
  return byProcess;
}

const workDir = mkdtempSync(join(tmpdir(), 'refresh-lens-gc-'));
writeBenchPage(workDir);
const demo = await startDemoServer({ port: 0, distDir: workDir, quiet: true, latencyMs: 0 });
try {
  for (const { name, dir } of builds) {
    printed.length = 0;
    const lane = await openBenchLane(name, dir, `${demo.url}/bench.html`, [`--js-flags=--trace-gc-nvp ${process.env.JS_FLAGS ?? ''}`]);
    try {
      for (let i = 0; i < LOOPS; i++) await lane.page.evaluate(`runLoop("zero", ${REQUESTS})`);
    } finally {
      await closeBenchLane(lane);
    }
    // The page's process is the one that collected most often; the first few (page load) are left out.
    const [pid, all] = [...scavengesOf(printed).entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? ['?', []];
    const s = all.slice(5);
    const total = s.reduce((sum, x) => sum + x.pause, 0);
    const promoted = s.reduce((sum, x) => sum + x.promoted, 0);
    console.log(
      `${name.padEnd(12)} process ${pid}: ${all.length} scavenges, mean pause ${(total / s.length).toFixed(3)} ms, total ${total.toFixed(1)} ms, promoted ${(promoted / s.length / 1024).toFixed(1)} KB a scavenge`,
    );
  }
} finally {
  await demo.close();
  rmSync(workDir, { recursive: true, force: true });
}
