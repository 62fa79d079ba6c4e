/**
 * Runs every bench/*.bench.ts (or those named on the command line) in one
 * process, one after another, and writes the figures to bench/results/latest.json.
 * Each bench module default-exports an async function returning its figures.
 * Figures are only comparable within one run: the machines are noisy.
 */
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpus, totalmem } from 'node:os';

export type Figures = Record<string, number | string | boolean>;
export type Bench = () => Promise<Figures>;

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

const results: Record<string, Figures | { error: string }> = {};
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  process.stderr.write(`bench ${name} ...\n`);
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: Bench };
    results[name] = await mod.default();
  } catch (err) {
    results[name] = { error: err instanceof Error ? err.stack ?? err.message : String(err) };
  }
  console.log(name, JSON.stringify(results[name], null, 2));
}

const report = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  results,
};
mkdirSync(join(here, 'results'), { recursive: true });
const out = join(here, 'results', 'latest.json');
writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
process.stderr.write(`wrote ${out}\n`);
if (Object.values(results).some((r) => 'error' in r)) process.exitCode = 1;
