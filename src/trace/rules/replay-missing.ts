/**
 * replay-missing: the refresh succeeded, yet an expired request was never
 * replayed and its caller did not get past the 401 either. Requests still
 * waiting are left to request-stranded, or are simply pending.
 */
import { anyRefreshSucceeded, gotPastAuth } from '../analysis/finalize-episode';
import { describeAll, plural } from './describe';
import type { EpisodeRule } from './rule';

export const replayMissing: EpisodeRule = {
  id: 'replay-missing',
  severity: 'error',
  check(ep, ctx) {
    if (!anyRefreshSucceeded(ep)) return [];
    const missing = ep.expired.filter((r) => r.settled && !ep.replaysOf.has(r.id) && !gotPastAuth(r, ep, ctx.o));
    if (missing.length === 0) return [];
    const replayed = ep.expired.length - missing.length;
    return [
      {
        requests: missing.map((r) => r.id),
        t: missing[0].responded ?? missing[0].start,
        message:
          `The refresh in episode ${ep.id} succeeded, but ${plural(missing.length, 'expired request')} ` +
          `${missing.length === 1 ? 'was' : 'were'} never replayed: ${describeAll(missing)}` +
          `${replayed > 0 ? ` (only ${plural(replayed, 'request')} of ${ep.expired.length} got a replay)` : ''}. Their callers got the 401 as an error.`,
        hint: 'Put every request that fails with 401 while a refresh is in flight on the queue and replay all of them when it succeeds, not only the one that started the refresh.',
      },
    ];
  },
};
