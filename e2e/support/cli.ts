import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JsonReport } from '../../src/trace/report/json-report';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'bin/refresh-lens.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Fails early, with the command to run, when the CLI has not been built. */
export function assertCliBuilt(): void {
  if (!existsSync(resolve(ROOT, 'dist/cli.js'))) throw new Error('The CLI is not built (dist/cli.js): run "npm run build" first.');
}

/** Runs the built CLI as a user would (`npx refresh-lens` runs this same bin), from the repository root. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** The --json report of a run, with the run's stderr in the error when stdout is not JSON. */
export function reportOf(run: CliRun): JsonReport {
  try {
    return JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(`not a JSON report (exit ${run.status}):\n${run.stdout.slice(0, 500)}\nstderr:\n${run.stderr}`);
  }
}
