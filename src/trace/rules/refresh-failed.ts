/** refresh-failed: a refresh call failed (an error status, or no response). */
import { refreshFailed as failed } from '../analysis/status';
import { describe } from './describe';
import type { EpisodeRule } from './rule';

export const refreshFailed: EpisodeRule = {
  id: 'refresh-failed',
  severity: 'warning',
  check(ep, ctx) {
    return ep.refreshes.filter(failed).map((r) => {
      const how = r.status ? `with status ${r.status}` : `with ${r.error ? `a ${r.error} error` : 'no response'}`;
      const authRefused = r.status !== undefined && (ctx.o.authFailureStatuses.has(r.status) || r.status === 400 || r.status === 403);
      return {
        requests: [r.id],
        t: r.responded ?? r.start,
        message: `The refresh call ${describe(r)} in episode ${ep.id} failed ${how}.`,
        hint: authRefused
          ? 'The refresh token was refused (expired, revoked, or already used where tokens rotate): sign the user out, and reject every waiting request so none is left pending.'
          : 'Reject every waiting request when the refresh fails so none is left pending; retry the refresh only with a limit and a delay.',
      };
    });
  },
};
