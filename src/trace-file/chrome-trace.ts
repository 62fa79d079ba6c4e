/**
 * The recording as Chrome Trace Event JSON, for Perfetto: one process per
 * page session, each request an async slice on the lane of its role (all
 * refreshes on one lane, all replays on another…), arrows from each expired
 * request to its refresh and its replay, and the diagnostics as instants.
 */
import type { TraceRequest } from '../trace/types';
import { APP_VERSION } from './app-version';
import { flowEvents, flowLinks, type Slice } from './chrome-trace-flows';
import type { ChromeTrace, TraceEvent } from './chrome-trace-types';
import { redactFullUrl } from './redact';
import type { ExportInput } from './trace-input';

// Async events need a tid in the format, but Perfetto places them by process and name.
const TID = 1;
// Order of events at the same microsecond: a slice opens before its instants, which come before it closes.
const RANK: Record<string, number> = { M: 0, b: 1, n: 2, i: 3, e: 4 };

export function toChromeTrace(input: ExportInput): ChromeTrace {
  const { result } = input;
  const secrets = input.includeSecrets === true;
  const origin = result.recordingStart ?? result.requests[0]?.start ?? 0;
  const us = (t: number) => Math.max(0, Math.round((t - origin) * 1000));
  const pids = new Map(result.sessions.map((s, i) => [s.session, i + 1]));
  const pidOf = (session: string) => pids.get(session) ?? pids.size + 1;
  const url = (u: string) => (secrets ? u : redactFullUrl(u));

  const events: TraceEvent[] = [];
  result.sessions.forEach((s, i) => {
    events.push({ name: 'process_name', ph: 'M', ts: 0, pid: i + 1, tid: 0, args: { name: `Page ${url(s.url ?? s.session)}` } });
    events.push({ name: 'process_sort_index', ph: 'M', ts: 0, pid: i + 1, tid: 0, args: { sort_index: i } });
  });
  const slices = new Map<string, Slice>();
  result.requests.forEach((r, i) => {
    const b = us(r.start);
    const e = Math.max(b, us(r.end ?? r.responded ?? result.recordingEnd ?? r.start));
    const responded = r.responded === undefined ? undefined : us(r.responded);
    const slice: Slice = { asyncId: `0x${(i + 1).toString(16)}`, lane: r.role, pid: pidOf(r.session), b, e, ...(responded !== undefined ? { responded } : {}) };
    slices.set(r.id, slice);
    const common = { name: slice.lane, cat: 'request', pid: slice.pid, tid: TID, id2: { local: slice.asyncId } };
    // With secrets, the URL as the imported HAR had it (the events hold it redacted).
    const shownUrl = secrets ? input.originals?.get(r.id)?.request.url ?? r.url : redactFullUrl(r.url);
    events.push({ ...common, ph: 'b', ts: b, args: requestArgs(r, shownUrl) });
    events.push({ ...common, ph: 'e', ts: e });
  });
  events.push(...flowEvents(flowLinks(result, slices), TID));
  for (const d of result.diagnostics) {
    const first = d.requests.map((id) => slices.get(id)).find((s) => s !== undefined);
    events.push({ name: d.rule, cat: 'diagnostic', ph: 'i', s: 'p', ts: us(d.t), pid: first?.pid ?? 1, tid: TID, args: { severity: d.severity, message: d.message, hint: d.hint, episode: d.episode ?? null, requests: d.requests } });
  }
  events.sort((a, b) => a.ts - b.ts || RANK[a.ph] - RANK[b.ph] || Number(Boolean(a.flow_in)) - Number(Boolean(b.flow_in)));
  return {
    traceEvents: events,
    metadata: { creator: `${input.creator} ${APP_VERSION}`, recordingStart: new Date(origin).toISOString(), redacted: !secrets },
  };
}

function requestArgs(r: TraceRequest, url: string): Record<string, unknown> {
  return {
    request: r.id,
    method: r.method,
    url,
    status: r.status ?? null,
    role: r.role,
    episode: r.episode ?? null,
    replayOf: r.replayOf ?? null,
    token: r.token?.fp ?? null,
    transport: r.transport ?? null,
    ...(r.error ? { error: r.error } : {}),
    ...(r.pending ? { pending: true } : {}),
    ...(r.stranded ? { stranded: true } : {}),
  };
}
