/**
 * The native trace file: the recorded events themselves, versioned, so that
 * importing one rebuilds exactly what the panel showed. Tokens are already
 * fingerprints in the events (the page never lets a raw value out).
 */
import { emptyStats, isPageEvent, type TabEvent, type TabStats } from '../protocol';

export const TRACE_FORMAT = 'refresh-lens-trace';
export const TRACE_VERSION = 1;

export interface NativeTrace {
  format: typeof TRACE_FORMAT;
  version: number;
  createdAt: string;
  /** What produced it: the panel, the CLI, a test. */
  creator: string;
  /** The page that was recorded, when known. */
  url?: string;
  /** True unless the user explicitly asked to include secrets. */
  redacted: boolean;
  stats: TabStats;
  /**
   * When the recording ended (epoch ms): what decides whether a request still
   * waiting was shown pending or stranded. Absent in older files.
   */
  endTime?: number;
  events: TabEvent[];
}

export interface NativeMeta {
  creator: string;
  url?: string;
  stats?: TabStats;
  redacted?: boolean;
  endTime?: number;
}

export function toNativeTrace(events: readonly TabEvent[], meta: NativeMeta): NativeTrace {
  return {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    createdAt: new Date().toISOString(),
    creator: meta.creator,
    ...(meta.url ? { url: meta.url } : {}),
    redacted: meta.redacted ?? true,
    stats: meta.stats ?? emptyStats(),
    ...(meta.endTime !== undefined && Number.isFinite(meta.endTime) ? { endTime: meta.endTime } : {}),
    events: [...events],
  };
}

export type ReadResult<T> = { ok: true; value: T; skipped: number } | { ok: false; error: string };

/**
 * Checks a parsed native trace. Events that fail the protocol's checks are
 * skipped and counted, not trusted: a trace file is as untrusted as a page.
 */
export function readNativeTrace(data: unknown): ReadResult<NativeTrace> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, error: 'not a Refresh Lens trace: the file is not a JSON object' };
  const d = data as Record<string, unknown>;
  if (d.format !== TRACE_FORMAT) return { ok: false, error: `not a Refresh Lens trace: "format" is ${JSON.stringify(d.format)?.slice(0, 60)}, expected "${TRACE_FORMAT}"` };
  if (typeof d.version !== 'number') return { ok: false, error: 'the trace has no version number' };
  if (d.version > TRACE_VERSION) return { ok: false, error: `the trace is version ${d.version}, newer than this Refresh Lens reads (${TRACE_VERSION}): update Refresh Lens` };
  if (d.version < 1 || !Number.isInteger(d.version)) return { ok: false, error: `the trace version ${d.version} is not valid` };
  if (!Array.isArray(d.events)) return { ok: false, error: 'the trace has no "events" array' };
  const events: TabEvent[] = [];
  let skipped = 0;
  for (const e of d.events) {
    const session = (e as { session?: unknown })?.session;
    if (typeof session !== 'string' || session.length === 0 || session.length > 64) {
      skipped++;
      continue;
    }
    // `session` and `frame` are the background's tags, not part of the page event.
    const { session: _session, frame, ...event } = e as Record<string, unknown>;
    const frameOk = frame === undefined || (Number.isSafeInteger(frame) && (frame as number) >= 0);
    if (frameOk && isPageEvent(event)) events.push(e as TabEvent);
    else skipped++;
  }
  const stats = { ...emptyStats() };
  if (typeof d.stats === 'object' && d.stats !== null) {
    for (const key of Object.keys(stats) as Array<keyof TabStats>) {
      const n = (d.stats as Record<string, unknown>)[key];
      if (Number.isSafeInteger(n) && (n as number) >= 0) stats[key] = n as number;
    }
  }
  return {
    ok: true,
    skipped,
    value: {
      format: TRACE_FORMAT,
      version: d.version,
      createdAt: typeof d.createdAt === 'string' ? d.createdAt.slice(0, 64) : '',
      creator: typeof d.creator === 'string' ? d.creator.slice(0, 200) : 'unknown',
      ...(typeof d.url === 'string' ? { url: d.url.slice(0, 8192) } : {}),
      redacted: d.redacted !== false,
      stats,
      ...(typeof d.endTime === 'number' && Number.isFinite(d.endTime) ? { endTime: d.endTime } : {}),
      events,
    },
  };
}
