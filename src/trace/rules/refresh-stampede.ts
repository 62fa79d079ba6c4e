/**
 * refresh-stampede: more than one refresh call for one expiry. Refreshes
 * started after a replay was refused again are left to retry-loop: those
 * come one after another from the loop, not from concurrent 401s.
 */
import { describeAll } from './describe';
import type { EpisodeRule } from './rule';

export const refreshStampede: EpisodeRule = {
  id: 'refresh-stampede',
  severity: 'error',
  check(ep) {
    const calls = ep.refreshes.filter((r) => r.start < ep.replayRefusedAt);
    if (calls.length < 2) return [];
    return [
      {
        requests: calls.map((r) => r.id),
        t: calls[1].start,
        message: `${calls.length} refresh calls ran for one expired token in episode ${ep.id}: ${describeAll(calls)}. One refresh should have served every waiting request.`,
        hint: 'Keep the in-flight refresh promise in one shared place (module scope, shared by every axios instance) and make every 401 await it instead of starting its own refresh; clear it only once it settles.',
      },
    ];
  },
};
