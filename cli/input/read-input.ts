/**
 * `analyze`'s input: a native trace or a HAR file, told apart by content, not
 * by file name (Chrome saves HAR as .har, other writers as .json). Anything
 * that is neither is a CliError naming the file and what was wrong with it.
 */
import { readFileSync } from 'node:fs';
import { analyzeEvents } from '../../src/trace/model';
import type { TraceOptions } from '../../src/trace/options';
import type { TraceResult } from '../../src/trace/types';
import { readHar } from '../../src/trace-file/har-import';
import { readNativeTrace, TRACE_FORMAT } from '../../src/trace-file/native';
import { CliError } from '../errors';

export interface LoadedInput {
  result: TraceResult;
  kind: 'trace' | 'har';
  /** Progress-worthy remarks (events skipped by the checks), for stderr. */
  notes: string[];
}

export function loadInput(file: string, options: TraceOptions): LoadedInput {
  const data = parseJson(file);
  if (isObject(data) && 'log' in data) {
    const read = readHar(data);
    if (!read.ok) throw new CliError(`${file}: ${read.error}`);
    const { events, endTime, skipped, ignored } = read.value;
    const notes = [
      ...(skipped > 0 ? [`${file}: skipped ${skipped} malformed HAR entries`] : []),
      ...(ignored ? [`${file}: ${ignored} entries are not fetch or XHR (documents, scripts, images) and were left out`] : []),
    ];
    return { result: analyzeEvents(events, options, endTime), kind: 'har', notes };
  }
  const read = readNativeTrace(data);
  if (!read.ok) {
    const looksNative = isObject(data) && data.format === TRACE_FORMAT;
    throw new CliError(`${file}: ${looksNative ? read.error : `neither a Refresh Lens trace nor a HAR file (${read.error})`}`);
  }
  const { events, endTime, createdAt } = read.value;
  // Waiting requests are judged as of the end of the recording; older files
  // have no endTime, and were written when their recording ended.
  const written = Date.parse(createdAt);
  const result = analyzeEvents(events, options, endTime ?? (Number.isFinite(written) ? written : undefined));
  const notes = read.skipped > 0 ? [`${file}: skipped ${read.skipped} malformed events`] : [];
  return { result, kind: 'trace', notes };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function parseJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new CliError(`cannot read ${file}: ${why}`);
  }
  try {
    // HAR files saved by Chrome on Windows can start with a byte order mark.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CliError(`${file} is not a trace: it is not JSON (${(error as Error).message})`);
  }
}
