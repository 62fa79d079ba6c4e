/**
 * Instructions per request, counted rather than timed: the Node loop of
 * compare-node.ts (node-loop/loop.ts) under valgrind's callgrind, for the
 * bare page and for each source tree given. On this machine a change worth
 * half a microsecond drowns in noise when timed (two paired Chromium runs of
 * 201 rounds disagreed by 2 µs), while V8 with --predictable runs the same
 * instructions every time: two bare runs differed by 0.02%. Each tree runs
 * at two loop sizes; the difference over the requests between them removes
 * start-up (tsx, axios's own parse). Instructions are not time (no cache
 * misses, no GC pauses beyond what the allocation count implies), and a
 * change that moves V8's inlining decisions moves the count by thousands of
 * instructions either way: a forEach wrapper that only passed its call on
 * counted 8k fewer instructions a request than bare axios, and one that
 * asked the tracker first 13k more, where timed runs saw +0.5 µs. So read
 * it beside compare-node.ts; Chromium is still where the goal is measured.
 *
 *   git archive HEAD src | tar -x -C /tmp/before
 *   npx tsx bench/count-node.ts before=/tmp/before/src after=src
 *
 * Needs valgrind (Debian's package). Env: SMALL, LARGE loop sizes (1000, 4000).
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SMALL = Number(process.env.SMALL ?? 1000);
const LARGE = Number(process.env.LARGE ?? 4000);
const LOOP = resolve(import.meta.dirname, 'node-loop/loop.ts');

const trees = process.argv.slice(2).map((arg) => {
  const [name, dir] = arg.split('=');
  if (!name || !dir) throw new Error(`expected name=dir, got ${arg}`);
  return { name, dir: resolve(dir) };
});

/** Instructions of one whole run (the loop runs n requests of warm-up, then n more: ROUNDS=1). */
async function count(n: number, mode: string, dir?: string): Promise<number> {
  const args = ['--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all-non-file', process.execPath, '--predictable', '--import', 'tsx', LOOP, mode, ...(dir ? [dir] : [])];
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
console.log(`zero-latency axios loop in Node (V8 --predictable), instructions per request`);
console.log(`${'bare'.padEnd(12)} ${bare.toFixed(0).padStart(8)}`);
for (const { name, dir } of trees) {
  const n = await perRequest('full', dir);
  console.log(`${name.padEnd(12)} ${n.toFixed(0).padStart(8)}  +${(n - bare).toFixed(0).padStart(6)}  ×${(n / bare).toFixed(3)}`);
}
