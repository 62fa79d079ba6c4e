/**
 * Where the page's time goes, per build: the zero-latency loop of the bench
 * page in a bare Chromium and in one per build, rounds interleaved as in
 * compare-builds.ts, while Linux `perf` samples every process (V8 writes
 * /tmp/perf-<pid>.map for its JIT code under --perf-basic-prof). Each
 * sample of a page's main thread is charged to the first JavaScript frame
 * on its stack, so a builtin or a runtime call counts for the function
 * that made it. Unlike Chromium's own profiler this changes nothing in the
 * page (that profiler made the extension's page spend far more time in
 * axios's functions and in GC than it does unprofiled).
 *
 * A tool for finding what to change, not a benchmark: the figures are
 * samples, inflated by perf itself (about 10% more CPU at 2 kHz), and a
 * lane's total moves with the machine as much as compare-builds.ts's do.
 * The extension's own share (samples whose first frame is one of its
 * scripts) moves less. Inlining moves samples between functions: a
 * function inlined into one of ours counts as ours. A native call made by
 * one of our wrappers (XHR's send, say) counts for that wrapper too, where
 * the bare page charges it to axios. And the names can be wrong: V8 appends
 * every code object it makes to the map, so an address whose code moved or
 * died keeps an older name that perf may pick (in one KIND=xhr run, 145
 * samples went to a cookieStore wrapper the page never calls). Trust a name
 * that the zero loop confirms.
 *
 *   npx vite build --minify false --outDir /tmp/a   (readable names)
 *   npx tsx bench/profile-renderer.ts a=/tmp/a [b=/tmp/b ...]
 *
 * Needs perf (Debian's linux-perf) and root, or perf_event_paranoid <= 0.
 * Env: ROUNDS (60), REQUESTS per loop (1000), WARMUP unprofiled loops first (30), KIND (zero | xhr | fetch: the
 * bench page's loop to run), FREQ sampling Hz (1999), TOP (25),
 * OTHERS (0): also list this many frames outside the extension that a
 * build's page spent more samples in than the bare page (axios running
 * differently, the collector), tiers merged. JS_FLAGS: more V8 flags for
 * every lane (--no-turbo-inlining charges each function its own samples,
 * at some cost to the loop). LEAVES (0): under each function listed, this
 * many of the innermost symbols its samples were in (a runtime call or
 * builtin it made, a string flattened); with OTHERS, the same under each
 * frame listed there, in the bare page and in the build's (a frame that
 * grew because the collector ran in it more often shows it there).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDemoServer } from '../demo/server/server';
import { closeBenchLane, openBenchLane, type BenchLane } from './bench-lane';
import { writeBenchPage } from './fixtures/axios-overhead/files';
import { median, threadTime } from './page-cpu';

const ROUNDS = Number(process.env.ROUNDS ?? 60);
const REQUESTS = Number(process.env.REQUESTS ?? 1000);
const WARMUP = Number(process.env.WARMUP ?? 30);
const KIND = process.env.KIND ?? 'zero';
const FREQ = String(process.env.FREQ ?? 1999);
const TOP = Number(process.env.TOP ?? 25);
const OTHERS = Number(process.env.OTHERS ?? 0);
const LEAVES = Number(process.env.LEAVES ?? 0);
/** Per frame charged (as in the report), the innermost symbols of its samples: what a runtime call or builtin under it was. */
const leavesOf = new Map<string, Map<string, number>>();
/** Per process, V8's builtins by start address (from the `--log-code` log it wrote): what perf could not name in the stripped binary. */
const builtinsOf = new Map<number, Array<{ start: number; end: number; name: string }>>();

const builds = process.argv.slice(2).map((arg) => {
  const [name, dir] = arg.split('=');
  if (!name || !dir || !existsSync(join(dir, 'manifest.json'))) throw new Error(`expected name=dir of a built extension, got "${arg}"`);
  return { name, dir: resolve(dir) };
});
if (builds.length === 0) throw new Error('usage: npx tsx bench/profile-renderer.ts name=dir [name=dir ...]');

/** The id Chromium gives an unpacked extension: the hash of its path, in the letters a to p. */
function unpackedId(dir: string): string {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

interface Lane extends BenchLane {
  /** The extension's id in the profile's frames; undefined for the bare page. */
  id: string | undefined;
}

/**
 * V8 appends to /tmp/perf-<pid>.map, so a map left by an earlier process
 * with the same pid would name this one's code with that one's functions:
 * maps of processes no longer running go first.
 */
function removeStaleMaps(): void {
  for (const file of readdirSync('/tmp')) {
    const pid = /^perf-(\d+)\.map$/.exec(file)?.[1];
    if (pid && !existsSync(`/proc/${pid}`)) rmSync(join('/tmp', file), { force: true });
  }
}
removeStaleMaps();

/** V8's own logs (isolate-<address>-<pid>-v8.log) that --perf-basic-prof makes each Chromium process write into the working directory. */
const isolateLogs = () => new Set(readdirSync('.').filter((f) => /^isolate-0x[0-9a-f]+-\d+-v8\.log$/.test(f)));
const logsBefore = isolateLogs();

const workDir = mkdtempSync(join(tmpdir(), 'refresh-lens-profile-'));
writeBenchPage(workDir);
const demo = await startDemoServer({ port: 0, distDir: workDir, quiet: true, latencyMs: 0 });
const lanes: Lane[] = [];
const data = join(workDir, 'perf.data');
try {
  for (const { name, dir } of [{ name: 'bare', dir: '' }, ...builds]) {
    const lane = { ...(await openBenchLane(name, dir, `${demo.url}/bench.html`, [`--js-flags=--perf-basic-prof${LEAVES > 0 ? ' --log-code' : ''} ${process.env.JS_FLAGS ?? ''}`])), id: dir ? unpackedId(dir) : undefined };
    lanes.push(lane);
    // Until V8 has optimised both pages' hot functions (axios-overhead.bench.ts, warm-up).
    for (let i = 0; i < WARMUP; i++) await lane.page.evaluate(`runLoop(${JSON.stringify(KIND)}, ${REQUESTS})`);
  }
  const perf = spawn('perf', ['record', '-a', '-g', '-F', FREQ, '-o', data], { stdio: 'ignore' });
  // perf needs a moment before it samples.
  await new Promise((done) => setTimeout(done, 1500));
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < lanes.length; i++) {
      const lane = lanes[(i + round) % lanes.length];
      const before = await threadTime(lane.cdp);
      await lane.page.evaluate(`runLoop(${JSON.stringify(KIND)}, ${REQUESTS})`);
      lane.cpu.push(((await threadTime(lane.cdp)) - before) * 1e6 / REQUESTS);
    }
  }
  perf.kill('SIGINT');
  await new Promise((done) => perf.once('exit', done));
  const threads = samplesByThread(data);
  if (LEAVES > 0) nameBuiltins();
  report(lanes, threads);
} finally {
  for (const lane of lanes) await closeBenchLane(lane);
  await demo.close();
  rmSync(workDir, { recursive: true, force: true });
  removeStaleMaps();
  for (const log of isolateLogs()) if (!logsBefore.has(log)) rmSync(log, { force: true });
}

/** Per main thread of a Chromium process: the first JavaScript frame of each sample ('native' when none). */
function samplesByThread(file: string): Map<number, string[]> {
  const text = execFileSync('perf', ['script', '-i', file, '-F', 'comm,pid,tid,ip,sym'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const threads = new Map<number, string[]>();
  let current: { pid: number; frame: string | undefined; leaf: string | undefined } | undefined;
  const close = () => {
    if (!current) return;
    const list = threads.get(current.pid) ?? [];
    const frame = current.frame ?? 'native';
    list.push(frame);
    if (LEAVES > 0) {
      // Per process: a frame of the page's own scripts has the same name in every lane.
      const key = `${current.pid} ${frame}`;
      const leaves = leavesOf.get(key) ?? new Map<string, number>();
      const leaf = current.leaf ?? '?';
      leaves.set(leaf, (leaves.get(leaf) ?? 0) + 1);
      leavesOf.set(key, leaves);
    }
    threads.set(current.pid, list);
    current = undefined;
  };
  for (const line of text.split('\n')) {
    const head = /^\s*(\S+)\s+(\d+)\/(\d+)\s*$/.exec(line);
    if (head) {
      close();
      // Only a process's main thread, where the page's JavaScript runs.
      if (head[1] === 'chromium' && head[2] === head[3]) current = { pid: Number(head[2]), frame: undefined, leaf: undefined };
      continue;
    }
    if (!current || current.frame !== undefined) continue;
    if (current.leaf === undefined) {
      const leaf = /^\s*([0-9a-f]+)\s+(.*)$/.exec(line);
      // An address in unnamed code (an engine builtin, most often) is named later from the process's V8 log.
      if (leaf) current.leaf = leaf[2].startsWith('[unknown]') ? `?${current.pid}:${leaf[1]}` : leaf[2].slice(0, 90);
    }
    const frame = /^\s*[0-9a-f]+\s+(JS:\S*\s+\S+)/.exec(line);
    if (frame) current.frame = frame[1];
  }
  close();
  return threads;
}

function report(lanes: Lane[], threads: Map<number, string[]>): void {
  const busy = [...threads.entries()].filter(([, s]) => s.length > 200);
  const bareCpu = lanes[0].cpu;
  console.log(`${KIND} loop, ${ROUNDS} rounds x ${REQUESTS} requests; perf at ${FREQ} Hz; samples of each page's main thread`);
  // A page's thread runs axios; it belongs to the lane whose extension its
  // frames name most (a handful of samples can name another: perf's maps
  // are by pid, and pids are reused), the bare lane when they name none.
  const pages = new Map<string, string[]>();
  const pidOf = new Map<string, number>();
  for (const [pid, frames] of busy) {
    // The zero loop keeps a page in axios; a network loop mostly waits, in native code.
    if (frames.filter((f) => f.includes('axios.min.js')).length < frames.length / (KIND === 'zero' ? 4 : 50)) continue;
    const ids = new Map<string, number>();
    for (const f of frames) {
      const id = /chrome-extension:\/\/([a-p]+)\//.exec(f)?.[1];
      if (id) ids.set(id, (ids.get(id) ?? 0) + 1);
    }
    const [top, count] = [...ids.entries()].sort((a, b) => b[1] - a[1])[0] ?? [undefined, 0];
    const lane = count < frames.length / 50 ? lanes[0] : lanes.find((l) => l.id === top);
    if (lane && !pages.has(lane.name)) {
      pages.set(lane.name, frames);
      pidOf.set(lane.name, pid);
    }
  }
  const bareTotal = pages.get('bare')?.length ?? NaN;
  for (const lane of lanes) {
    const frames = pages.get(lane.name);
    const ratio = median(lane.cpu.map((x, i) => x / bareCpu[i]));
    if (!frames) {
      console.log(`${lane.name.padEnd(12)} (no page thread found in the samples)`);
      continue;
    }
    const ours = lane.id ? frames.filter((f) => f.includes(`chrome-extension://${lane.id}/`)) : [];
    console.log(
      `${lane.name.padEnd(12)} CPU ×${ratio.toFixed(3)} (paired median)  samples ${frames.length} (×${(frames.length / bareTotal).toFixed(3)} bare)  in the extension's frames ${ours.length} (${((100 * ours.length) / frames.length).toFixed(1)}%)`,
    );
    if (ours.length === 0) continue;
    const byFunction = new Map<string, number>();
    for (const f of ours) {
      const name = f.replace(/chrome-extension:\/\/[a-p]+\//, '');
      byFunction.set(name, (byFunction.get(name) ?? 0) + 1);
    }
    for (const [name, n] of [...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
      console.log(`    ${String(n).padStart(6)}  ${name}`);
      if (LEAVES > 0) printLeaves(pidOf.get(lane.name), ours.filter((f) => f.replace(/chrome-extension:\/\/[a-p]+\//, '') === name));
    }
    if (OTHERS > 0 && lane.name !== 'bare') printOthers(frames, pages.get('bare') ?? [], lane.id, pidOf.get(lane.name), pidOf.get('bare'));
  }
}

function nameBuiltins(): void {
  for (const log of isolateLogs()) {
    if (logsBefore.has(log)) continue;
    const pid = Number(/-(\d+)-v8\.log$/.exec(log)![1]);
    // perf names an address it cannot resolve by its offset in the file mapped there: builtins are read the same way.
    let maps: Array<{ start: number; end: number; offset: number }>;
    try {
      maps = readFileSync(`/proc/${pid}/maps`, 'utf8')
        .split('\n')
        .flatMap((line) => {
          const m = /^([0-9a-f]+)-([0-9a-f]+) \S+ ([0-9a-f]+) \S+ \S+\s+\S*chromium$/.exec(line);
          return m ? [{ start: parseInt(m[1], 16), end: parseInt(m[2], 16), offset: parseInt(m[3], 16) }] : [];
        });
    } catch {
      continue;
    }
    const list = builtinsOf.get(pid) ?? [];
    for (const line of readFileSync(log, 'utf8').split('\n')) {
      const m = /^code-creation,(Builtin|BytecodeHandler),\d+,\d+,0x([0-9a-f]+),(\d+),(.*)$/.exec(line);
      if (!m) continue;
      const at = parseInt(m[2], 16);
      const map = maps.find((r) => at >= r.start && at < r.end);
      if (!map) continue;
      const start = at - map.start + map.offset;
      list.push({ start, end: start + Number(m[3]), name: `${m[1] === 'Builtin' ? '' : 'bytecode '}${m[4]}` });
    }
    builtinsOf.set(pid, list);
  }
}

function leafName(leaf: string): string {
  const m = /^\?(\d+):([0-9a-f]+)$/.exec(leaf);
  if (!m) return leaf;
  const ip = parseInt(m[2], 16);
  const hit = builtinsOf.get(Number(m[1]))?.find((b) => ip >= b.start && ip < b.end);
  // Not a builtin: the engine's or Blink's C++ (a runtime call), unnamed in a stripped binary.
  return hit ? `builtin ${hit.name}` : '[C++]';
}

/** The innermost symbols under the samples charged to one function (one frame string or several alike). */
function printLeaves(pid: number | undefined, frames: string[]): void {
  const merged = new Map<string, number>();
  for (const frame of new Set(frames)) {
    for (const [leaf, n] of leavesOf.get(`${pid} ${frame}`) ?? []) {
      const name = leafName(leaf);
      merged.set(name, (merged.get(name) ?? 0) + n);
    }
  }
  for (const [leaf, n] of [...merged.entries()].sort((a, b) => b[1] - a[1]).slice(0, LEAVES)) console.log(`            ${String(n).padStart(5)}  ${leaf}`);
}

/** Frames outside the extension, by how many more samples this page spent in them than the bare page. */
function printOthers(frames: string[], bare: string[], id: string | undefined, pid: number | undefined, barePid: number | undefined): void {
  // V8 marks a function's tier (* optimized, + maglev, ^ sparkplug, ~ interpreted) and whether it is inlined ('); merged here.
  const key = (f: string) => f.replace(/^JS:[*+^~']*/, '').replace(/\?[^ ]*$/, '');
  const count = (list: string[]) => {
    const m = new Map<string, number>();
    for (const f of list) if (!id || !f.includes(`chrome-extension://${id}/`)) m.set(key(f), (m.get(key(f)) ?? 0) + 1);
    return m;
  };
  const mine = count(frames);
  const theirs = count(bare);
  const grown = [...new Set([...mine.keys(), ...theirs.keys()])].map((k) => [k, (mine.get(k) ?? 0) - (theirs.get(k) ?? 0)] as const);
  console.log(`    outside the extension, most grown over bare:`);
  for (const [name, n] of grown.sort((a, b) => b[1] - a[1]).slice(0, OTHERS)) {
    console.log(`    ${String(n).padStart(6)}  ${name}  (${theirs.get(name) ?? 0} → ${mine.get(name) ?? 0})`);
    if (LEAVES === 0) continue;
    // Where those samples ended, in the bare page and in this one: the collector, a runtime call, the function's own code.
    const named = (list: string[]) => [...new Set(list.filter((f) => key(f) === name))];
    console.log('          bare:');
    printLeaves(barePid, named(bare));
    console.log('          this build:');
    printLeaves(pid, named(frames));
  }
}
