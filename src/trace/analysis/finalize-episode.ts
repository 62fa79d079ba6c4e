/**
 * Closes the books on an episode once the sweep has placed every member:
 * order, end, outcome, which waiting requests are stranded rather than
 * pending, and the span the incremental model uses.
 */
import type { ResolvedOptions } from '../options';
import { compareBySent, type RequestRecord } from '../record';
import type { EpisodeOutcome } from '../types';
import { ms } from '../units';
import type { EpisodeWork } from './episode-work';
import { refreshFailed, refreshSucceeded, settledPastAuth } from './status';

export function finalizeEpisode(ep: EpisodeWork, recordingEnd: number, o: ResolvedOptions): void {
  for (const list of [ep.expired, ep.queued, ep.refreshes, ep.replays]) list.sort(compareBySent);
  const members = ep.members();
  const waiting = new Set([...ep.expired, ...ep.queued]);
  let lastKnown = ep.seedT as number;
  let spanStart = ep.seedT as number;
  let end = -Infinity;
  let open = false;
  let inFlight = false; // a refresh or replay not yet over: the waiters may still be served
  for (const r of members) {
    lastKnown = Math.max(lastKnown, r.lastT);
    spanStart = Math.min(spanStart, r.start);
    if (r.settled) end = Math.max(end, r.end as number);
    else open = true;
    if (!r.settled && !waiting.has(r)) inFlight = true;
  }
  ep.inFlightUntil = lastKnown + o.strandedTimeoutMs;
  const strandedAfter = lastKnown + (inFlight ? o.strandedTimeoutMs : o.settleGraceMs);
  for (const r of waiting) r.stranded = !r.settled && recordingEnd >= strandedAfter;
  ep.end = open ? undefined : ms(end);
  ep.outcome = outcome(ep, open, o);
  ep.newTokens = ep.refreshes.flatMap((r) => (r.produced ? [r.produced] : []));
  ep.spanStart = spanStart;
  const activeUntil = ep.activeUntil(o.strandedTimeoutMs, o.episodeGraceMs);
  ep.closed = recordingEnd > activeUntil;
  ep.spanEnd = ep.closed ? activeUntil : Infinity;
}

function outcome(ep: EpisodeWork, open: boolean, o: ResolvedOptions): EpisodeOutcome {
  const waiting = [...ep.expired, ...ep.queued];
  if (waiting.some((r) => r.stranded)) return 'stranded';
  if (open) return 'pending';
  if (waiting.length === 0) {
    const last = ep.refreshes[ep.refreshes.length - 1];
    return last && refreshFailed(last) ? 'failed' : 'recovered';
  }
  return waiting.every((r) => gotPastAuth(r, ep, o)) ? 'recovered' : 'failed';
}

/** Did the caller of this waiting request end up with an answer that is not an auth failure? */
export function gotPastAuth(r: RequestRecord, ep: EpisodeWork, o: ResolvedOptions): boolean {
  if (r.axiosView) return r.settleOutcome !== undefined && settledPastAuth(r.settleStatus, o);
  if (r.role === 'queued') return settledPastAuth(r.status, o);
  const replays = ep.replaysOf.get(r.id);
  const last = replays?.[replays.length - 1];
  return last !== undefined && settledPastAuth(last.status, o);
}

export const anyRefreshSucceeded = (ep: EpisodeWork): boolean => ep.refreshes.some(refreshSucceeded);
