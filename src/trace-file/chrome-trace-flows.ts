/**
 * Flow arrows for the Chrome trace: from each expired request to the refresh
 * it waited for, and to its replay. Each arrow leaves from an instant inside
 * the source slice and lands on an instant inside the target slice, the
 * landing no earlier than the leaving (Perfetto orders a flow's ends by time
 * and drops one whose end comes first).
 */
import type { TraceResult } from '../trace/types';
import type { TraceEvent } from './chrome-trace-types';

/** One request's slice, in microseconds from the start of the recording. */
export interface Slice {
  readonly asyncId: string;
  readonly lane: string;
  readonly pid: number;
  readonly b: number;
  readonly e: number;
  /** When its response arrived (the 401, for an expired request). */
  readonly responded?: number;
}

export interface FlowLink {
  from: Slice;
  to: Slice;
  kind: 'refresh' | 'replay';
  fromId: string;
  toId: string;
}

export function flowLinks(result: TraceResult, slices: ReadonlyMap<string, Slice>): FlowLink[] {
  const links: FlowLink[] = [];
  for (const ep of result.episodes) {
    const refreshes = ep.refreshes.map((id) => slices.get(id)).filter((s) => s !== undefined);
    for (const id of ep.expired) {
      const from = slices.get(id);
      if (!from || refreshes.length === 0) continue;
      const at = from.responded ?? from.b;
      // The refresh it waited for: the first still running (or yet to start) when its 401 came back.
      const to = refreshes.find((r) => r.e >= at) ?? refreshes[refreshes.length - 1];
      links.push({ from, to, kind: 'refresh', fromId: id, toId: ep.refreshes[refreshes.indexOf(to)] });
    }
  }
  for (const r of result.requests) {
    if (r.role !== 'replay' || !r.replayOf) continue;
    const from = slices.get(r.replayOf);
    const to = slices.get(r.id);
    if (from && to) links.push({ from, to, kind: 'replay', fromId: r.replayOf, toId: r.id });
  }
  return links;
}

/** The two instants of each arrow that can be drawn forward in time; the others are left out. */
export function flowEvents(links: readonly FlowLink[], tid: number): TraceEvent[] {
  const out: TraceEvent[] = [];
  links.forEach((link, i) => {
    const times = placement(link.from, link.to);
    if (!times) return;
    const bind_id = `0x${(i + 1).toString(16)}`;
    const { from, to } = link;
    out.push({ name: from.lane, cat: 'request', ph: 'n', ts: times.out, pid: from.pid, tid, id2: { local: from.asyncId }, bind_id, flow_out: true, args: { to: link.toId, why: link.kind } });
    out.push({ name: to.lane, cat: 'request', ph: 'n', ts: times.in, pid: to.pid, tid, id2: { local: to.asyncId }, bind_id, flow_in: true, args: { from: link.fromId, why: link.kind } });
  });
  return out;
}

/**
 * Leave when the source's response arrived; land then, or when the target
 * starts if later. A target that ended before that gets the arrow from when
 * it started instead, if the source was open then.
 */
function placement(from: Slice, to: Slice): { out: number; in: number } | undefined {
  let out = clamp(from.responded ?? from.b, from.b, from.e);
  if (out > to.e) out = Math.max(from.b, to.b);
  const landing = Math.max(out, to.b);
  const ok = from.b <= out && out <= from.e && to.b <= landing && landing <= to.e;
  return ok ? { out, in: landing } : undefined;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
