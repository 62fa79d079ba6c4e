/**
 * Instructions per request, counted rather than timed: the Node loop of
 * compare-node.ts (node-loop/loop.ts) under valgrind's callgrind, for the
 * bare page and for each source tree given. On this machine a change worth
 * half a microsecond drowns in noise when timed (two paired Chromium runs of
 * 201 rounds disagreed by 2 µs); a count repeats (the same tree twice:
 * 37.9k and 37.4k instructions added a request). Each tree runs at two loop
 * sizes; the difference over the requests between them removes start-up
 * (tsx, axios's own parse) and V8's optimising compiles.
 *
 * What it cannot do: tell a change's own cost from what the change does to
 * V8's inlining of axios and of our hooks. Two changes to request-info.ts
 * counted +3.6k and -0.8k alone and -4.5k together. And Node 20's V8 is not
 * Chromium's. So it ranks candidates; Chromium (compare-builds.ts, paired)
 * decides. V8 runs with --single-threaded (no concurrent compiler racing the
 * loop): --predictable changed V8's decisions enough that a forEach wrapper
 * which only passed its call on counted 8k fewer instructions a request than
 * bare axios, where timed runs saw +0.1 µs.
 *
 *   git archive HEAD src | tar -x -C /tmp/before
 *   npx tsx bench/count-node.ts before=/tmp/before/src after=src
 *
 * Needs valgrind (Debian's package). Env: SMALL, LARGE loop sizes (2000,
 * 8000: with 1000 and 4000 the compiles still fell inside the difference, and
 * bare counted 361k instructions a request instead of 336k), V8_FLAGS, and
 * the loop's own (VARIANT=hooks, CLOCK=fixed).
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SMALL = Number(process.env.SMALL ?? 2000);
const LARGE = Number(process.env.LARGE ?? 8000);
const LOOP = resolve(import.meta.dirname, 'node-loop/loop.ts');
const V8_FLAGS = (process.env.V8_FLAGS ?? '--single-threaded').split(' ').filter(Boolean);

const trees = process.argv.slice(2).map((arg) => {
  const [name, dir] = arg.split('=');
  if (!name || !dir) throw new Error(`expected name=dir, got ${arg}`);
  return { name, dir: resolve(dir) };
});

/** Instructions of one whole run (the loop runs n requests of warm-up, then n more: ROUNDS=1). */
async function count(n: number, mode: string, dir?: string): Promise<number> {
  const args = ['--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all-non-file', process.execPath, ...V8_FLAGS, '--import', 'tsx', LOOP, mode, ...(dir ? [dir] : [])];
  const { stderr } = await run('valgrind', args, { env: { ...process.env, N: String(n), ROUNDS: '1' }, maxBuffer: 1 << 24 });
  const match = /Collected : (\d+)/.exec(stderr);
  if (!match) throw new Error(`no instruction count from valgrind:\n${stderr.slice(-2000)}`);
  return Number(match[1]);
}

/** Two at a time: the machine has two cores, and counts do not depend on load. */
async function perRequest(mode: string, dir?: string): Promise<number> {
  const [small, large] = await Promise.all([count(SMALL, mode, dir), count(LARGE, mode, dir)]);
  return (large - small) / (2 * (LARGE - SMALL));
}

const bare = await perRequest('bare');
console.log(`zero-latency axios loop in Node instructions per request (V8 ${V8_FLAGS.join(' ') || 'defaults'})`);
console.log(`${'bare'.padEnd(12)} ${bare.toFixed(0).padStart(8)}`);
for (const { name, dir } of trees) {
  const n = await perRequest('full', dir);
  console.log(`${name.padEnd(12)} ${n.toFixed(0).padStart(8)}  +${(n - bare).toFixed(0).padStart(6)}  ×${(n / bare).toFixed(3)}`);
}
