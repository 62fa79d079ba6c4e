/**
 * Structural checks of a Chrome trace, after the Trace Event Format document
 * (async events: `b`/`e` matched by cat + id2, `n` inside its slice; flow v2:
 * one `flow_out` per `bind_id`, its `flow_in` ends no earlier) and Perfetto's
 * JSON importer (a flow binds to the slice open on its track when it is read,
 * so an end read before its start is dropped). Returns the problems found.
 */
import type { ChromeTrace, TraceEvent } from '../chrome-trace-types';

export function checkChromeTrace(trace: ChromeTrace): string[] {
  const problems: string[] = [];
  if (!Array.isArray(trace.traceEvents)) return ['traceEvents is not a list'];
  const slices = new Map<string, { b?: TraceEvent; e?: TraceEvent }>();
  const flows = new Map<string, { out: number[]; in: number[]; outTs?: number; inTs: number[] }>();
  trace.traceEvents.forEach((ev, i) => {
    const where = `event ${i} (${ev.ph} ${ev.name})`;
    if (typeof ev.name !== 'string' || !Number.isSafeInteger(ev.pid) || !Number.isSafeInteger(ev.tid)) problems.push(`${where}: name, pid and tid are required`);
    if (!Number.isSafeInteger(ev.ts) || ev.ts < 0) problems.push(`${where}: ts ${ev.ts} is not whole microseconds >= 0`);
    if (ev.ph === 'b' || ev.ph === 'e') {
      if (typeof ev.id2?.local !== 'string' || typeof ev.cat !== 'string') return void problems.push(`${where}: async events need cat and id2`);
      const s = slices.get(`${ev.pid}/${ev.cat}/${ev.id2.local}`) ?? {};
      if (s[ev.ph]) problems.push(`${where}: second '${ev.ph}' for id ${ev.id2.local}`);
      if (ev.ph === 'e' && !s.b) problems.push(`${where}: end before begin for id ${ev.id2.local}`);
      s[ev.ph] = ev;
      slices.set(`${ev.pid}/${ev.cat}/${ev.id2.local}`, s);
    } else if (ev.ph === 'n') {
      const s = slices.get(`${ev.pid}/${ev.cat}/${ev.id2?.local}`);
      if (!s?.b || s.e) problems.push(`${where}: instant outside an open slice ${ev.id2?.local}`);
      else if (s.b.name !== ev.name) problems.push(`${where}: instant on another track than slice ${ev.id2?.local}`);
    } else if (ev.ph === 'i') {
      if (ev.s !== undefined && !['g', 'p', 't'].includes(ev.s)) problems.push(`${where}: bad scope ${ev.s}`);
    } else if (ev.ph === 'M') {
      if (typeof ev.args !== 'object') problems.push(`${where}: metadata without args`);
    } else problems.push(`${where}: unexpected phase`);
    if (ev.bind_id !== undefined) {
      if (ev.ph !== 'b' && ev.ph !== 'n') problems.push(`${where}: flow bound to a ${ev.ph} event`);
      const f = flows.get(ev.bind_id) ?? { out: [], in: [], inTs: [] };
      if (ev.flow_out) (f.out.push(i), (f.outTs = ev.ts));
      if (ev.flow_in) (f.in.push(i), f.inTs.push(ev.ts));
      if (!ev.flow_in && !ev.flow_out) problems.push(`${where}: bind_id without a direction`);
      flows.set(ev.bind_id, f);
    }
  });
  for (const [key, s] of slices) {
    if (!s.e) problems.push(`slice ${key} never ends`);
    else if (s.b && (s.e.ts < s.b.ts || s.e.name !== s.b.name || s.e.pid !== s.b.pid)) problems.push(`slice ${key}: end does not match its begin`);
  }
  for (const [id, f] of flows) {
    if (f.out.length !== 1) problems.push(`flow ${id}: ${f.out.length} starts`);
    if (f.in.length === 0) problems.push(`flow ${id}: no finish`);
    if (f.out.length === 1 && f.in.some((at, k) => at < f.out[0] || f.inTs[k] < (f.outTs ?? 0))) problems.push(`flow ${id}: finishes before it starts`);
  }
  return problems;
}
