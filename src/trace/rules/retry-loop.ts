/** retry-loop: the same request was replayed more than once (each replay refused again). */
import { describe, plural } from './describe';
import type { EpisodeRule } from './rule';

export const retryLoop: EpisodeRule = {
  id: 'retry-loop',
  severity: 'error',
  check(ep, ctx) {
    const out = [];
    for (const [originalId, replays] of ep.replaysOf) {
      if (replays.length < 2) continue;
      const original = ctx.request(originalId);
      const refused = replays.filter((r) => r.status !== undefined && ctx.o.authFailureStatuses.has(r.status)).length;
      out.push({
        requests: [originalId, ...replays.map((r) => r.id)],
        t: replays[1].start,
        message:
          `${original ? describe(original) : originalId} was replayed ${plural(replays.length, 'time')} in episode ${ep.id}` +
          `${refused > 0 ? `; ${refused} of those replays came back refused again` : ''}.`,
        hint: 'Mark a replayed request (for example config._retry = true) and never refresh or replay it a second time; if its replay is refused too, give up and send the user to sign in.',
      });
    }
    return out;
  },
};
