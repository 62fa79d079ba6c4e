/**
 * replay-out-of-order: the first replays of an episode went out in a
 * different order from their originals. Only first replays count: a second
 * replay of the same request is retry-loop's business.
 */
import { compareBySent, type RequestRecord } from '../record';
import { describe } from './describe';
import type { EpisodeRule } from './rule';

const sentAt = (r: RequestRecord) => r.sent ?? r.start;

/**
 * Whether these sends were stamped in whole milliseconds, as a HAR stamps
 * them: then two sends in the same millisecond have no known order (a HAR
 * writer may list them either way). The page's own clock has sub-millisecond
 * steps and its events keep the page's order, so recorded sends in one tick
 * (originals as well as replays) are still compared, in the order the page
 * recorded them (compareBySent). Judged on all the sends together: one page
 * tick can land on a whole millisecond by chance; every send of an episode cannot.
 */
const inWholeMilliseconds = (times: readonly number[]) => times.every((t) => Number.isInteger(t));

export const replayOutOfOrder: EpisodeRule = {
  id: 'replay-out-of-order',
  severity: 'error',
  check(ep, ctx) {
    const pairs: Array<{ replay: RequestRecord; original: RequestRecord }> = [];
    for (const replay of ep.replays) {
      const original = replay.replayOf === undefined ? undefined : ctx.request(replay.replayOf);
      if (original && ep.replaysOf.get(original.id)?.[0] === replay) pairs.push({ replay, original });
    }
    const coarse = inWholeMilliseconds(pairs.flatMap((p) => [sentAt(p.original), sentAt(p.replay)]));
    // q went out before p: by time, and within one tick in the page's order, which whole milliseconds do not keep.
    const before = (q: RequestRecord, p: RequestRecord) => (coarse ? sentAt(q) < sentAt(p) : compareBySent(q, p) < 0);
    const late = pairs.filter((p, i) =>
      pairs.slice(i + 1).some((q) => before(q.original, p.original) && !(coarse && sentAt(q.replay) === sentAt(p.replay))),
    );
    if (late.length === 0) return [];
    const firstBad = pairs.find((p) => late.includes(p)) as (typeof pairs)[number];
    const byOriginal = [...pairs].sort((a, b) => compareBySent(a.original, b.original));
    return [
      {
        requests: pairs.map((p) => p.replay.id),
        t: firstBad.replay.start,
        message:
          `Replays in episode ${ep.id} went out in a different order from their originals. ` +
          `Originals: ${byOriginal.map((p) => describe(p.original)).join(', ')}; ` +
          `replays: ${pairs.map((p) => describe(p.replay)).join(', ')}.`,
        hint: 'Queue the failed requests in the order they were first sent and replay them in that order once the refresh succeeds (resolve the waiters first-in first-out, from one place, not from each request\u2019s own await).',
      },
    ];
  },
};
