/**
 * Turns argv into a command. Every problem is a UsageError (exit status 2)
 * whose message names the offending argument, so a CI log says what to fix.
 */
import { UsageError } from './errors';
import { parseDuration } from './duration';

export interface RecordCommand {
  kind: 'record';
  url: string;
  out?: string;
  json: boolean;
  /** How long the page's network (and the extension's event stream) must be quiet before recording stops. */
  idleMs: number;
  /** The whole run, from launch to report, may take at most this long. */
  timeoutMs: number;
  steps?: string;
  headed: boolean;
  strandedAfterMs?: number;
}

export interface AnalyzeCommand {
  kind: 'analyze';
  file: string;
  json: boolean;
  strandedAfterMs?: number;
}

export type Command = RecordCommand | AnalyzeCommand | { kind: 'help' } | { kind: 'version' };

export const DEFAULT_IDLE_MS = 1_000;
export const DEFAULT_TIMEOUT_MS = 60_000;

type OptionKind = 'flag' | 'value' | 'duration';
interface OptionSpec {
  kind: OptionKind;
  commands: ReadonlyArray<'record' | 'analyze'>;
}

const OPTIONS: Record<string, OptionSpec> = {
  json: { kind: 'flag', commands: ['record', 'analyze'] },
  'stranded-after': { kind: 'duration', commands: ['record', 'analyze'] },
  out: { kind: 'value', commands: ['record'] },
  idle: { kind: 'duration', commands: ['record'] },
  timeout: { kind: 'duration', commands: ['record'] },
  steps: { kind: 'value', commands: ['record'] },
  headed: { kind: 'flag', commands: ['record'] },
};

export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('no command given: use "record <url>" or "analyze <file>"');
  if (command === '--help' || command === '-h' || command === 'help') return { kind: 'help' };
  if (command === '--version' || command === '-v') return { kind: 'version' };
  if (command !== 'record' && command !== 'analyze') throw new UsageError(`unknown command "${command}": use "record <url>" or "analyze <file>"`);
  if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help' };

  const { positionals, values } = splitOptions(command, rest);
  const what = command === 'record' ? 'a URL' : 'a file';
  if (positionals.length === 0) throw new UsageError(`${command} needs ${what}: refresh-lens ${command} <${command === 'record' ? 'url' : 'file'}>`);
  if (positionals.length > 1) throw new UsageError(`${command} takes one ${command === 'record' ? 'URL' : 'file'}, got ${positionals.length}: ${positionals.join(' ')}`);
  const json = values.get('json') === true;
  const strandedAfterMs = values.get('stranded-after') as number | undefined;
  const stranded = strandedAfterMs === undefined ? {} : { strandedAfterMs };

  if (command === 'analyze') return { kind: 'analyze', file: positionals[0], json, ...stranded };
  const url = checkUrl(positionals[0]);
  const idleMs = (values.get('idle') as number | undefined) ?? DEFAULT_IDLE_MS;
  const timeoutMs = (values.get('timeout') as number | undefined) ?? DEFAULT_TIMEOUT_MS;
  if (timeoutMs <= idleMs) throw new UsageError(`--timeout (${timeoutMs} ms) must be longer than --idle (${idleMs} ms)`);
  const out = values.get('out') as string | undefined;
  const steps = values.get('steps') as string | undefined;
  return {
    kind: 'record',
    url,
    json,
    idleMs,
    timeoutMs,
    headed: values.get('headed') === true,
    ...(out !== undefined ? { out } : {}),
    ...(steps !== undefined ? { steps } : {}),
    ...stranded,
  };
}

/** Accepts `--name value`, `--name=value` and `--` before a positional that starts with a dash. */
function splitOptions(command: 'record' | 'analyze', args: readonly string[]) {
  const positionals: string[] = [];
  const values = new Map<string, string | number | boolean>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(arg.startsWith('--') ? 2 : 1, eq < 0 ? undefined : eq);
    const spec = OPTIONS[name];
    if (!spec) throw new UsageError(`unknown option "${arg}" for ${command}`);
    if (!spec.commands.includes(command)) throw new UsageError(`option --${name} is for ${spec.commands.join(' and ')}, not ${command}`);
    if (values.has(name)) throw new UsageError(`option --${name} is given twice`);
    if (spec.kind === 'flag') {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
      values.set(name, true);
      continue;
    }
    const raw = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    if (raw === undefined || raw === '') throw new UsageError(`option --${name} needs a value`);
    if (spec.kind === 'value') values.set(name, raw);
    else {
      const msValue = parseDuration(raw);
      if (msValue === undefined) throw new UsageError(`option --${name} wants a duration such as 1500, 1500ms or 1.5s; got "${raw}"`);
      values.set(name, msValue);
    }
  }
  return { positionals, values };
}

function checkUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`"${raw}" is not a URL: give a full one such as http://127.0.0.1:8080/`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`"${raw}" is not an http(s) URL`);
  return url.href;
}
