/** request-stranded: an expired or queued request never settled, and nothing was left to settle it. */
import { refreshFailed } from '../analysis/status';
import { describeAll, plural } from './describe';
import type { EpisodeRule } from './rule';

export const requestStranded: EpisodeRule = {
  id: 'request-stranded',
  severity: 'error',
  check(ep) {
    const stuck = [...ep.expired, ...ep.queued].filter((r) => r.stranded);
    if (stuck.length === 0) return [];
    const lastRefresh = ep.refreshes[ep.refreshes.length - 1];
    const why = !lastRefresh
      ? 'no refresh was ever made'
      : lastRefresh.responded === undefined
        ? 'the refresh call never answered'
        : refreshFailed(lastRefresh)
          ? 'the refresh failed and they were neither replayed nor rejected'
          : 'the refresh succeeded but they were neither replayed nor rejected';
    return [
      {
        requests: stuck.map((r) => r.id),
        t: stuck[0].responded ?? stuck[0].start,
        message: `${plural(stuck.length, 'request')} in episode ${ep.id} never settled: ${describeAll(stuck)}. ${why[0].toUpperCase()}${why.slice(1)}; their callers were still waiting when the recording ended.`,
        hint: 'Settle every waiter: resolve the queued promises with a replay when the refresh succeeds and reject them all when it fails (in a finally, so an exception cannot skip it), and give the refresh call a timeout.',
      },
    ];
  },
};
