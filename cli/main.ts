/**
 * The command line's entry: parse, run, print, and answer with the exit
 * status. stdout carries only the report (so `--json > report.json` is clean);
 * progress, warnings and errors go to stderr.
 */
import { hasErrors, toJsonReport } from '../src/trace/report/json-report';
import type { TraceOptions } from '../src/trace/options';
import type { TraceResult } from '../src/trace/types';
import { parseArgs, type AnalyzeCommand, type RecordCommand } from './args';
import { CliError, EXIT, UsageError } from './errors';
import { loadInput } from './input/read-input';
import { packageVersion } from './paths';
import { record } from './record';
import { textReport, type ReportSource } from './report/text-report';
import { USAGE } from './usage';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const progress = (line: string) => io.stderr(`refresh-lens: ${line}\n`);
  try {
    const command = parseArgs(argv);
    if (command.kind === 'help') {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    if (command.kind === 'version') {
      io.stdout(`${packageVersion()}\n`);
      return EXIT.ok;
    }
    const { result, source } = command.kind === 'record' ? await runRecord(command, progress) : runAnalyze(command, progress);
    io.stdout(command.json ? `${JSON.stringify(toJsonReport(result), null, 2)}\n` : textReport(result, source));
    return exitStatus(result);
  } catch (error) {
    if (error instanceof UsageError) progress(`${error.message}\n(refresh-lens --help shows the commands and options)`);
    else if (error instanceof CliError) progress(error.message);
    else progress(`unexpected failure: ${(error as Error)?.stack ?? String(error)}`);
    return EXIT.unusable;
  }
}

/** SPEC: 0 when no error-severity diagnostic fired, 1 when one did. */
export const exitStatus = (result: TraceResult): number => (hasErrors(result) ? EXIT.diagnostics : EXIT.ok);

const traceOptions = (c: { strandedAfterMs?: number }): TraceOptions =>
  c.strandedAfterMs === undefined ? {} : { strandedTimeoutMs: c.strandedAfterMs };

async function runRecord(c: RecordCommand, progress: (line: string) => void): Promise<{ result: TraceResult; source: ReportSource }> {
  const { result } = await record(c, traceOptions(c), progress);
  return { result, source: { source: c.url, kind: 'recording' } };
}

function runAnalyze(c: AnalyzeCommand, progress: (line: string) => void): { result: TraceResult; source: ReportSource } {
  const { result, kind, notes } = loadInput(c.file, traceOptions(c));
  notes.forEach(progress);
  return { result, source: { source: c.file, kind } };
}
