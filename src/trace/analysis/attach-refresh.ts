/**
 * Which episode a refresh call serves. By evidence, strongest first: the old
 * token it carried, the token its new one replaced, else the episode with
 * recent activity when it started whose latest failure is the most recent. A refresh that
 * serves none opens a proactive episode.
 */
import type { RequestRecord } from '../record';
import { ms } from '../units';
import { EpisodeWork } from './episode-work';

export interface AttachContext {
  /** Fingerprint of the token that a refresh's new token replaced, when it can be told. */
  replacedToken(refresh: RequestRecord): string | undefined;
}

export function attachRefresh(r: RequestRecord, live: readonly EpisodeWork[], ctx: AttachContext, graceMs: number): EpisodeWork {
  const replaced = ctx.replacedToken(r);
  const byKey = (key: string | undefined) => (key === undefined ? undefined : live.find((e) => e.key === key));
  const direct = byKey(r.token?.fp) ?? byKey(replaced);
  if (direct) return direct;
  let busiest: EpisodeWork | undefined;
  for (const e of live) {
    // Only an episode with something recent: one whose waiters hang forever must not absorb
    // every later refresh (and never end).
    if (r.start > e.lastKnown + graceMs || (e.unsettled === 0 && r.start > e.busyEnd)) continue;
    if (!busiest || e.seedT > busiest.seedT || (e.seedT === busiest.seedT && e.key < busiest.key)) busiest = e;
  }
  return busiest ?? new EpisodeWork('proactive', replaced ?? r.token?.fp ?? `refresh:${r.id}`, ms(r.start));
}
