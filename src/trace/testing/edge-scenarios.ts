/** Scenarios for the edge cases: failures handled well, overlaps, clocks, recordings cut short. */
import type { TraceBuilder } from './builder';
import { HOUR, refreshCall, replay, threeExpired, tokens } from './scenario-parts';

/** The refresh is refused and the waiting requests are rejected: failed, not stranded. */
export function refreshFailsRejects(b: TraceBuilder, at = 0) {
  const expired = threeExpired(b, at, ['api', 'api']);
  const refresh = refreshCall(b, at + 40.5, 401);
  expired.forEach((e, i) => e.settle(at + 91 + i, 401));
  b.reads(at + 10_000);
  return { expired, refresh };
}

/** A replay with the new token is refused once, and the app gives up. */
export function replayRefusedOnce(b: TraceBuilder, at = 0) {
  const { old, fresh } = tokens(b, at);
  const a = b.axios('GET', '/api/a').enter(at).dispatch(at + 0.2, old).respond(at + 40, 401);
  const refresh = refreshCall(b, at + 40.5);
  b.write(at + 89.4, fresh);
  const again = replay(b, a, at + 91, fresh, 401);
  a.settle(at + 142, 401);
  return { original: a, refresh, replay: again };
}

/** The recording stops 100 ms after the 401s, while the refresh is still in flight. */
export function endsMidEpisode(b: TraceBuilder, at = 0) {
  const expired = threeExpired(b, at, ['api', 'api']);
  const refresh = b.axios('POST', '/auth/refresh', { instance: 'auth' }).enter(at + 40.5).dispatch(at + 40.6);
  b.reads(at + 140);
  return { expired, refresh };
}

/** Two APIs, each with its own token, expire at once and are refreshed separately. */
export function overlappingEpisodes(b: TraceBuilder, at = 0) {
  const tokA = b.jwt(`A-old@${at}`, { exp: at - 1000 });
  const tokB = b.jwt(`B-old@${at}`, { exp: at - 1000 });
  const newA = b.jwt(`A-new@${at}`, { exp: at + HOUR });
  const newB = b.jwt(`B-new@${at}`, { exp: at + HOUR });
  b.write(at - 60_000, tokA, 'localStorage', 'a_token').write(at - 60_000, tokB, 'localStorage', 'b_token');
  const a = b.axios('GET', '/a/items', { instance: 'apiA' }).enter(at).dispatch(at + 0.2, tokA).respond(at + 40, 401);
  const c = b.axios('GET', '/b/items', { instance: 'apiB' }).enter(at + 1).dispatch(at + 1.2, tokB).respond(at + 45, 401);
  const refreshA = refreshCall(b, at + 41, 200, '/a/auth/refresh');
  const refreshB = refreshCall(b, at + 46, 200, '/b/oauth/token');
  b.write(at + 89.9, newA, 'localStorage', 'a_token').write(at + 94.9, newB, 'localStorage', 'b_token');
  const replayA = replay(b, a, at + 91, newA);
  const replayB = replay(b, c, at + 96, newB);
  a.settle(at + 141.5, 200);
  c.settle(at + 146.5, 200);
  return { a, b: c, refreshA, refreshB, replayA, replayB };
}

/**
 * A proactive app on a page whose clock runs 2 minutes ahead of the server's:
 * by the page clock its token expired a minute ago (the server still accepts
 * it), so it refreshes and holds a request meanwhile. The new token's iat
 * shows the skew.
 */
export function proactiveWithSkew(b: TraceBuilder, at = 0) {
  const skew = 120_000;
  const current = b.jwt(`skewed@${at}`, { exp: at - 60_000, iat: at - HOUR - skew });
  const fresh = b.jwt(`skewed-new@${at}`, { exp: at - skew + HOUR, iat: at + 50 - skew });
  const before = b.axios('GET', '/api/before').run(at - 5000, current, at - 4960, 200);
  const held = b.axios('GET', '/api/a').enter(at);
  const refresh = refreshCall(b, at + 0.3);
  b.write(at + 49.4, fresh);
  held.dispatch(at + 50.5, fresh).respond(at + 100, 200).settle(at + 100.2, 200);
  return { before, held, refresh, skew };
}
