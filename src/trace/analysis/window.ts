/**
 * Choosing what to analyse again after new events: everything from a time t0
 * on, where t0 is early enough that no episode kept from before reaches into
 * the window and no new token's cause can lie before it. Episodes wholly
 * before t0 and their requests are kept as they are.
 */
import type { Generation } from '../handlers/generation';
import type { RequestsHandler } from '../handlers/requests';
import { compareByStart, type RequestRecord } from '../record';
import { firstAtOrAfter } from '../sorted';
import type { EpisodeWork } from './episode-work';

export function windowStart(
  dirtyFrom: number,
  episodes: readonly EpisodeWork[],
  accessGens: readonly Generation[],
  tokenWindowMs: number,
): number {
  let t0 = dirtyFrom;
  for (const ep of episodes) if (!ep.closed) t0 = Math.min(t0, ep.spanStart);
  for (let moved = true; moved && t0 > -Infinity; ) {
    moved = false;
    for (const ep of episodes) {
      if (ep.spanStart < t0 && t0 <= ep.spanEnd) {
        t0 = ep.spanStart;
        moved = true;
      }
    }
    // A token first seen just after t0 may have been produced by a call that answered before it.
    const i = firstAtOrAfter(accessGens, t0, (g) => g.firstSeen);
    if (i < accessGens.length && accessGens[i].firstSeen < t0 + tokenWindowMs) {
      t0 = accessGens[i].firstSeen - tokenWindowMs;
      moved = true;
    }
  }
  return t0;
}

const isKeptMember = (r: RequestRecord): boolean => r.episodeLink !== undefined && !r.episodeLink.discarded;

/**
 * The requests to analyse: those with any time at or after t0, plus the
 * unsettled ones, less the members of kept episodes. Sorted by start.
 */
export function collectWindow(h: RequestsHandler, t0: number): RequestRecord[] {
  if (t0 === -Infinity) return [...h.byStart];
  const early: RequestRecord[] = [];
  for (let i = firstAtOrAfter(h.byLast, t0, (r) => r.lastT); i < h.byLast.length; i++) {
    const r = h.byLast[i];
    if (r.start < t0 && !isKeptMember(r)) early.push(r);
  }
  for (const r of h.open) if (r.start < t0 && !isKeptMember(r)) early.push(r);
  early.sort(compareByStart);
  const from = firstAtOrAfter(h.byStart, t0, (r) => r.start);
  for (let i = from; i < h.byStart.length; i++) early.push(h.byStart[i]);
  return early;
}
