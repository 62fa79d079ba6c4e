/**
 * Instructions per request by JavaScript function: the Node loop of
 * compare-node.ts (node-loop/loop.ts) under valgrind's callgrind, with V8
 * writing a perf map of its JIT code (--perf-basic-prof), so that each
 * function's own instructions can be named. count-node.ts gives one total
 * per tree; this says where it goes. Counts are of a function's JIT code
 * alone (what it inlined included): the builtins and runtime calls it makes
 * (a property load through an inline cache, a string compared, the
 * collector) are not in its figure but in the engine's, listed apart.
 * Trust the optimised code's names (`*`): a perf map does not follow code
 * the collector moves or frees, so a baseline (`^`) entry can carry another
 * function's instructions (one run charged 175 a request to the batcher's
 * `flush`, which runs twice a loop; the next, none).
 *
 *   npx tsx bench/count-functions.ts [src-dir]
 *
 * Each symbol is counted at two loop sizes, and the difference divided by
 * the requests between them, as count-node.ts does, so that start-up and
 * V8's compiles (as much as all of our code's own, at one size) fall out.
 *
 * Env: N (4000; the loop runs N requests of warm-up and N more, and 4N and
 * 4N), TOP (40), VARIANT and CLOCK as node-loop/loop.ts.
 * Needs valgrind (Debian's package). About five minutes.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const N = Number(process.env.N ?? 4000);
const run = promisify(execFile);
const TOP = Number(process.env.TOP ?? 40);
const LOOP = resolve(import.meta.dirname, 'node-loop/loop.ts');
const src = resolve(process.argv[2] ?? join(import.meta.dirname, '../src'));

interface MapEntry {
  start: number;
  end: number;
  name: string;
}

/** One run of the loop, `n` requests twice; instructions by symbol (JIT code named from the perf map). */
async function countBySymbol(mode: string, n: number): Promise<Map<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'count-functions-'));
  const out = join(dir, 'callgrind.out');
  try {
    await run(
      'valgrind',
      ['--tool=callgrind', `--callgrind-out-file=${out}`, '--smc-check=all-non-file', process.execPath, '--single-threaded', '--perf-basic-prof', '--import', 'tsx', LOOP, mode, src],
      { env: { ...process.env, N: String(n), ROUNDS: '1' }, maxBuffer: 1 << 26 },
    );
    const pid = /^pid: (\d+)$/m.exec(readFileSync(out, 'utf8'))?.[1];
    const mapFile = `/tmp/perf-${pid}.map`;
    const entries = readMap(mapFile);
    rmSync(mapFile, { force: true });
    const annotated = execFileSync('callgrind_annotate', ['--threshold=100', out], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const counts = new Map<string, number>();
    for (const line of annotated.split('\n')) {
      const m = /^\s*([\d,]+) \([^)]*\)\s+(.*)$/.exec(line);
      if (!m) continue;
      const n = Number(m[1].replaceAll(',', ''));
      const symbol = m[2];
      if (symbol.includes('PROGRAM TOTALS')) continue;
      // 'n: a recursion depth callgrind tells apart; merged here.
      const jit = /^\?\?\?:0x([0-9a-f]+)(?:'\d+)? \[\?\?\?\]$/.exec(symbol);
      const name = jit ? (nameAt(entries, parseInt(jit[1], 16)) ?? 'unnamed JIT code') : engineName(symbol);
      counts.set(name, (counts.get(name) ?? 0) + n);
    }
    return counts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readMap(file: string): MapEntry[] {
  const entries: MapEntry[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/.exec(line);
    if (!m) continue;
    const start = parseInt(m[1], 16);
    // The tier mark (*, +, ^, ~) kept: an optimised function and its earlier tiers are different code.
    entries.push({ start, end: start + parseInt(m[2], 16), name: m[3].replace(/file:\/\/\/\S*?\/(src|bench|node_modules)\//, '$1/') });
  }
  return entries;
}

/** The last code object written at `address` (V8 reuses the space of code it threw away). */
function nameAt(entries: MapEntry[], address: number): string | undefined {
  for (let i = entries.length - 1; i >= 0; i--) if (address >= entries[i].start && address < entries[i].end) return entries[i].name;
  return undefined;
}

/** A symbol of the engine or a library, without its file and argument lists. */
function engineName(symbol: string): string {
  const name = symbol.replace(/^[^:]*:/, '').replace(/ \[[^\]]*\]$/, '').replace(/'\d+$/, '');
  return name.length > 100 ? `${name.slice(0, 100)}…` : name;
}

/** Per request: the difference between a run of 4N and one of N, two at a time (the machine has two cores; counts do not depend on load). */
async function perRequest(mode: string): Promise<Map<string, number>> {
  const [small, large] = await Promise.all([countBySymbol(mode, N), countBySymbol(mode, 4 * N)]);
  const per = new Map<string, number>();
  for (const name of new Set([...small.keys(), ...large.keys()])) per.set(name, ((large.get(name) ?? 0) - (small.get(name) ?? 0)) / (2 * 3 * N));
  return per;
}

const bare = await perRequest('bare');
const tree = await perRequest(process.env.VARIANT === 'hooks' ? 'hooks' : 'full');
const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const ours = [...tree.entries()].filter(([name]) => /\bsrc\//.test(name) && !name.includes('node_modules'));
const grown = [...new Set([...tree.keys(), ...bare.keys()])]
  .filter((name) => !/\bsrc\//.test(name))
  .map((name) => [name, (tree.get(name) ?? 0) - (bare.get(name) ?? 0)] as const);
const fmt = (n: number) => Math.round(n).toString().padStart(8);
console.log(`zero-latency axios loop in Node, instructions per request (${2 * N} and ${8 * N} requests; V8 --single-threaded)`);
console.log(`bare ${fmt(total(bare))}   with ${src}: ${fmt(total(tree))}  (+${Math.round(total(tree) - total(bare))})`);
console.log(`our functions' own code: ${fmt(ours.reduce((a, [, n]) => a + n, 0))}`);
for (const [name, n] of ours.sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${fmt(n)}  ${name}`);
console.log('everything else, most grown over bare (the engine on our behalf, axios running differently):');
for (const [name, n] of grown.sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${fmt(n)}  ${name}`);
