/**
 * Named scenarios, each the event stream of one app behaviour around a token
 * expiry, starting at offset `at` so that several can share one recording.
 * Token names are suffixed with `at` so scenarios never share a token by accident.
 */
import type { AxiosCall, TraceBuilder } from './builder';
import { HOUR, refreshCall, replay, threeExpired, tokens } from './scenario-parts';

export * from './edge-scenarios';

/** The correct reactive flow: 3 concurrent 401s, 1 refresh, 3 replays in order. */
export function correctReactive(b: TraceBuilder, at = 0, instances?: readonly string[]) {
  const { fresh } = tokens(b, at);
  const expired = threeExpired(b, at, instances);
  const refresh = refreshCall(b, at + 40.5);
  b.write(at + 89.4, fresh);
  const replays = expired.map((e, i) => replay(b, e, at + 91 + i * 0.2, fresh));
  expired.forEach((e, i) => e.settle(at + 141.3 + i, 200));
  return { expired, refresh, replays };
}

/** The correct proactive flow: the request interceptor sees exp passed, refreshes once, holds two requests. */
export function correctProactive(b: TraceBuilder, at = 0, instance = 'api') {
  const { fresh } = tokens(b, at);
  const a = b.axios('GET', '/api/a', { instance }).enter(at);
  const refresh = refreshCall(b, at + 0.3);
  const c = b.axios('GET', '/api/b', { instance }).enter(at + 10);
  b.write(at + 49.4, fresh);
  a.dispatch(at + 50.5, fresh).respond(at + 100, 200).settle(at + 100.2, 200);
  c.dispatch(at + 50.6, fresh).respond(at + 101, 200).settle(at + 101.2, 200);
  return { queued: [a, c], refresh };
}

/** Every 401 starts its own refresh. */
export function stampede(b: TraceBuilder, at = 0) {
  const expired = threeExpired(b, at);
  const refreshes = expired.map((_, i) => refreshCall(b, at + 40.5 + i));
  const made = expired.map((_, i) => b.jwt(`new${i}@${at}`, { exp: at + HOUR, iat: at + 80 }));
  made.forEach((tok, i) => b.write(at + 89.4 + i, tok));
  const replays = expired.map((e, i) => replay(b, e, at + 91 + i, made[i]));
  expired.forEach((e, i) => e.settle(at + 142 + i, 200));
  return { expired, refreshes, replays };
}

/** One refresh, but the replays go out c, a, b. */
export function outOfOrder(b: TraceBuilder, at = 0) {
  const { fresh } = tokens(b, at);
  const [a, bb, c] = threeExpired(b, at);
  const refresh = refreshCall(b, at + 40.5);
  b.write(at + 89.4, fresh);
  const replays = [c, a, bb].map((e, i) => replay(b, e, at + 91 + i * 0.2, fresh));
  [a, bb, c].forEach((e, i) => e.settle(at + 142 + i, 200));
  return { expired: [a, bb, c], refresh, replays };
}

/** The refresh fails and nobody settles the waiting requests; the recording goes on for 10 s. */
export function refreshFailsHanging(b: TraceBuilder, at = 0) {
  const expired = threeExpired(b, at, ['api', 'api']);
  const refresh = refreshCall(b, at + 40.5, 500);
  b.reads(at + 10_000);
  return { expired, refresh };
}

/** Each replay is refused, refreshed and replayed again, three times. */
export function retryLoop(b: TraceBuilder, at = 0) {
  const { old } = tokens(b, at);
  const a = b.axios('GET', '/api/a').enter(at).dispatch(at + 0.2, old).respond(at + 40, 401);
  const refreshes: AxiosCall[] = [];
  const replays: AxiosCall[] = [];
  let t = at + 40.5;
  for (let i = 0; i < 3; i++) {
    refreshes.push(refreshCall(b, t));
    const tok = b.jwt(`loop${i}@${at}`, { exp: at + HOUR, iat: at + 80 });
    b.write(t + 49, tok);
    replays.push(b.axios('GET', '/api/a', { replayOf: a }).enter(t + 50).dispatch(t + 50.1, tok).respond(t + 90, 401).settle(t + 91, 401));
    t += 91;
  }
  a.settle(t + 1, 401);
  return { original: a, refreshes, replays };
}

/** Only the request that started the refresh is replayed; the others are rejected. */
export function onlyFirstReplayed(b: TraceBuilder, at = 0) {
  const { fresh } = tokens(b, at);
  const expired = threeExpired(b, at);
  const refresh = refreshCall(b, at + 40.5);
  b.write(at + 89.4, fresh);
  const first = replay(b, expired[0], at + 91, fresh);
  expired[0].settle(at + 141.3, 200);
  expired[1].settle(at + 41.5, 401);
  expired[2].settle(at + 42.5, 401);
  return { expired, refresh, replay: first };
}

/** The replay keeps the header of the original: the old token again. */
export function staleReplay(b: TraceBuilder, at = 0) {
  const { old, fresh } = tokens(b, at);
  const a = b.axios('GET', '/api/a').enter(at).dispatch(at + 0.2, old).respond(at + 40, 401);
  const refresh = refreshCall(b, at + 40.5);
  b.write(at + 89.4, fresh);
  const again = b.axios('GET', '/api/a', { replayOf: a }).run(at + 91, old, at + 130, 401);
  a.settle(at + 131, 401);
  return { original: a, refresh, replay: again };
}

/** While the refresh is in flight another request goes out with the old token. */
export function notQueued(b: TraceBuilder, at = 0) {
  const { old, fresh } = tokens(b, at);
  const a = b.axios('GET', '/api/a').enter(at).dispatch(at + 0.2, old).respond(at + 40, 401);
  const refresh = refreshCall(b, at + 40.5);
  const late = b.axios('GET', '/api/late').enter(at + 60).dispatch(at + 60.1, old).respond(at + 95, 401);
  b.write(at + 89.4, fresh);
  const replays = [replay(b, a, at + 91, fresh), replay(b, late, at + 96, fresh)];
  a.settle(at + 141.5, 200);
  late.settle(at + 146.5, 200);
  return { original: a, late, refresh, replays };
}

/**
 * A proactive app (it holds requests for a refresh) whose new token lives 5 s;
 * a request 6 s later goes out with it anyway and is refused.
 */
export function expiredTokenSent(b: TraceBuilder, at = 0) {
  const shortLived = b.jwt(`short@${at}`, { exp: at + 5000, iat: at + 80 });
  const a = b.axios('GET', '/api/a').enter(at);
  const refresh = refreshCall(b, at + 0.3);
  b.write(at + 49.4, shortLived);
  a.dispatch(at + 50.5, shortLived).respond(at + 100, 200).settle(at + 100.2, 200);
  const late = b.axios('GET', '/api/late').run(at + 6000, shortLived, at + 6040, 401);
  return { queued: a, refresh, late };
}
