/**
 * Opens a file the user picked or dropped: a native trace or a HAR. Every
 * failure becomes one sentence saying what is wrong, never an exception, and
 * never quotes the file's content (it may be hostile, or a secret).
 */
import { readHar } from './har-import';
import { readNativeTrace, TRACE_FORMAT, type ReadResult } from './native';
import type { LoadedTrace } from './trace-input';

/** Files larger than this are refused before they are read: parsing one would freeze the panel for long. */
export const MAX_FILE_BYTES = 256 * 2 ** 20;

export function checkFileSize(bytes: number, max = MAX_FILE_BYTES): string | undefined {
  if (bytes === 0) return 'the file is empty';
  if (bytes > max) return `the file is ${mib(bytes)} MB; Refresh Lens opens files up to ${mib(max)} MB`;
  return undefined;
}

export function readTraceText(text: string): ReadResult<LoadedTrace> {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    return { ok: false, error: jsonError(err, text) };
  }
  return readTraceData(data);
}

export function readTraceData(data: unknown): ReadResult<LoadedTrace> {
  if (typeof data !== 'object' || data === null) return { ok: false, error: 'not a trace: the file is JSON but not an object' };
  const d = data as Record<string, unknown>;
  if (Array.isArray(data) || 'traceEvents' in d) {
    return { ok: false, error: 'this is a Chrome trace event file (for Perfetto); Refresh Lens opens its own trace files and HAR files' };
  }
  if ('log' in d) return readHar(data);
  if (!('format' in d) && !('events' in d)) return { ok: false, error: `not a Refresh Lens trace or a HAR file: it has neither "format": "${TRACE_FORMAT}" nor a "log"` };
  const native = readNativeTrace(data);
  if (!native.ok) return native;
  const { events, endTime, stats, url } = native.value;
  if (events.length === 0 && native.skipped > 0) return { ok: false, error: `none of the trace's ${native.skipped} events passed the checks` };
  return { ok: true, skipped: native.skipped, value: { kind: 'native', events, originals: new Map(), endTime, stats, skipped: native.skipped, url } };
}

function jsonError(err: unknown, text: string): string {
  if (!/^\s*[{[]/.test(text.slice(0, 1024).replace(/^\uFEFF/, ''))) return 'the file is not JSON: Refresh Lens opens its own trace files (.json) and HAR files (.har)';
  const message = err instanceof Error ? err.message : '';
  if (/end of (JSON )?input|Unterminated/i.test(message)) return 'the file is not valid JSON: it ends too early (is it truncated?)';
  const at = /position (\d+)/.exec(message);
  return `the file is not valid JSON${at ? ` (error at character ${at[1]})` : ''}`;
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
