/**
 * stale-token-replay: a replay carried the same token as its original, or
 * an older one, so the refresh it waited for did it no good.
 */
import type { Generation } from '../handlers/generation';
import type { RequestRecord } from '../record';
import { describe } from './describe';
import type { EpisodeRule, Finding, RuleContext } from './rule';

export const staleTokenReplay: EpisodeRule = {
  id: 'stale-token-replay',
  severity: 'error',
  check(ep, ctx) {
    const out: Finding[] = [];
    for (const replay of ep.replays) {
      const original = replay.replayOf === undefined ? undefined : ctx.request(replay.replayOf);
      const verdict = original && staleness(replay, original, ctx);
      if (!original || !verdict) continue;
      out.push({
        requests: [replay.id, original.id],
        t: replay.sent ?? replay.start,
        message: `The replay ${describe(replay)} in episode ${ep.id} carried ${verdict} its original ${describe(original)}${ep.newTokens.length > 0 ? ', although the refresh had produced a new one' : ''}.`,
        hint: 'Set the new token on the replayed config before re-sending it (config.headers.Authorization = `Bearer ${newToken}`), or let the request interceptor read the current token on every send; do not keep the header the original carried.',
      });
    }
    return out;
  },
};

/** How the replay's token compares, or undefined when it is newer (or either carried none). */
function staleness(replay: RequestRecord, original: RequestRecord, ctx: RuleContext): string | undefined {
  const a = replay.token;
  const b = original.token;
  if (!a || !b) return undefined;
  if (a.fp === b.fp) return 'the same token as';
  return isOlder(ctx.generation(a.fp), ctx.generation(b.fp)) ? 'an older token than' : undefined;
}

function isOlder(a: Generation | undefined, b: Generation | undefined): boolean {
  if (!a || !b) return false;
  if (a.iat !== undefined && b.iat !== undefined && a.iat !== b.iat) return a.iat < b.iat;
  return a.firstSeen < b.firstSeen;
}
