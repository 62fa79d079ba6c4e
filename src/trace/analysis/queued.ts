/**
 * Requests held in the request interceptors while a refresh ran (the
 * proactive approach, or a reactive app that also holds new requests): the
 * axios enter -> dispatch gap spans the refresh's end, and the hold began
 * near or after the refresh's start. Needs the axios view; without one the
 * sweep infers queued requests from timing instead.
 */
import type { ResolvedOptions } from '../options';
import type { RequestRecord } from '../record';
import { isAuthFailure } from './status';

/** For each refresh, the requests it held, each request given to the earliest refresh that held it. */
export function findQueued(
  win: readonly RequestRecord[],
  refreshes: readonly RequestRecord[],
  o: ResolvedOptions,
): Map<RequestRecord, RequestRecord[]> {
  const out = new Map<RequestRecord, RequestRecord[]>();
  if (refreshes.length === 0) return out;
  for (const q of win) {
    if (q.enterT === undefined || q.role !== 'normal' || q.explicitReplayOf !== undefined || isAuthFailure(q, o)) continue;
    const r = refreshes.find((r) => r !== q && heldBy(q, r, o));
    if (!r) continue;
    const list = out.get(r);
    if (list) list.push(q);
    else out.set(r, [q]);
  }
  return out;
}

function heldBy(q: RequestRecord, r: RequestRecord, o: ResolvedOptions): boolean {
  const enter = q.enterT as number;
  // A refresh that never answers stops counting as in flight after the stranded timeout, so a
  // request that comes long after cannot be queued behind it (and reopen an episode long over).
  const refreshEnd = r.responded ?? r.end ?? r.lastT + o.strandedTimeoutMs;
  if (r.start > enter + o.queueLeadMs || enter > refreshEnd) return false;
  const released = q.dispatchT ?? q.settleT;
  if (released === undefined) return true; // still held: behind the refresh, or stranded
  return r.start <= released && released >= refreshEnd && released - refreshEnd <= o.queueLeadMs;
}
