/**
 * Source trees of the page script side by side, in Node: the bench page's
 * zero-latency axios loop (node-loop/loop.ts) once bare and once per tree,
 * each in a child process, the runs interleaved REPS times. A tool for
 * deciding whether a change to the axios hooks or the batch writer pays,
 * not a benchmark (the goal is Chromium's, `npm run bench`): on this noisy
 * machine a Node process's CPU per request is steadier than a page's, and
 * the hooks' cost in Node tracks their cost in Chromium (about 1.2× bare
 * for both, before the changes it was first used for). Each tree is loaded
 * bundled, as the extension's build bundles it (node-loop/loop.ts): loaded
 * module by module through tsx, calls across modules cost far more than in
 * the page, and a change that removed some seemed to save 1.1 µs a request
 * that Chromium never saw.
 *
 *   git archive HEAD src | tar -x -C /tmp/before
 *   npx tsx bench/compare-node.ts before=/tmp/before/src after=src
 *
 * Env: REPS (default 3), and N, ROUNDS for each child (20000, 15).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { median } from './page-cpu';

const REPS = Number(process.env.REPS ?? 3);
const trees = process.argv.slice(2).map((arg) => {
  const [name, dir] = arg.split('=');
  if (!name || !dir) throw new Error(`expected name=dir, got ${arg}`);
  return { name, dir: resolve(dir) };
});
if (trees.length === 0) throw new Error('usage: compare-node.ts name=src-dir ...');

const LOOP = resolve(import.meta.dirname, 'node-loop/loop.ts');
const run = (mode: string, dir?: string): number => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', LOOP, mode, ...(dir ? [dir] : [])], { encoding: 'utf8' });
  return (JSON.parse(out.trim().split('\n').pop()!) as { cpuUsPerRequest: number }).cpuUsPerRequest;
};

const samples = new Map<string, number[]>([['bare', []], ...trees.map(({ name }) => [name, []] as [string, number[]])]);
for (let rep = 0; rep < REPS; rep++) {
  samples.get('bare')!.push(run('bare'));
  for (const { name, dir } of trees) samples.get(name)!.push(run('full', dir));
}
const bare = median(samples.get('bare')!);
console.log(`zero-latency axios loop in Node, ${REPS} interleaved runs, CPU µs per request (median of runs)`);
for (const [name, xs] of samples) {
  const m = median(xs);
  console.log(`${name.padEnd(12)} ${m.toFixed(2).padStart(7)}  +${(m - bare).toFixed(2).padStart(5)}  ×${(m / bare).toFixed(3)}   runs ${xs.map((x) => x.toFixed(1)).join(' ')}`);
}
