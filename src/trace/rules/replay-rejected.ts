/**
 * replay-rejected (an addition to SPEC's rules): a replay was refused again
 * although it carried a newer token, and the app rightly stopped there. The
 * refresh produced a token the server does not accept, or it was not the one
 * sent. Stale replays and loops have their own rules.
 */
import { describe } from './describe';
import type { EpisodeRule, Finding } from './rule';

export const replayRejected: EpisodeRule = {
  id: 'replay-rejected',
  severity: 'warning',
  check(ep, ctx) {
    const out: Finding[] = [];
    for (const [originalId, replays] of ep.replaysOf) {
      const replay = replays[0];
      if (replays.length !== 1 || replay.status === undefined || !ctx.o.authFailureStatuses.has(replay.status)) continue;
      const original = ctx.request(originalId);
      if (!replay.token || !original?.token || replay.token.fp === original.token.fp) continue;
      out.push({
        requests: [replay.id, originalId],
        t: replay.responded ?? replay.start,
        message: `The replay ${describe(replay)} in episode ${ep.id} carried a new token and was refused again with ${replay.status}.`,
        hint: 'Check that the token the refresh returned is the one stored and sent (cookie name, path and domain, header name), and that the server accepts a freshly issued token (clock skew on nbf/iat).',
      });
    }
    return out;
  },
};
