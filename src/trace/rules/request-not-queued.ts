/**
 * request-not-queued: while a refresh was in flight, another request went
 * out with the token being replaced; it will fail (or already has) and need
 * a replay, where holding it for the refresh would have cost nothing.
 */
import type { RequestRecord } from '../record';
import { describeAll, duration, plural } from './describe';
import type { EpisodeRule } from './rule';

export const requestNotQueued: EpisodeRule = {
  id: 'request-not-queued',
  severity: 'warning',
  check(ep, ctx) {
    const old = new Set<string>();
    if (!ep.key.startsWith('refresh:') && ep.key !== 'none') old.add(ep.key);
    for (const r of ep.expired) if (r.token) old.add(r.token.fp);
    const found = new Map<RequestRecord, RequestRecord>();
    for (const refresh of ep.refreshes) {
      // A refresh that never answered is in flight as long as its episode is (not until the recording ends,
      // which would make this finding change after the episode is over).
      const until = refresh.responded ?? refresh.end ?? ep.inFlightUntil;
      for (const r of ctx.sentBetween(refresh.start, until)) {
        if (r === refresh || r.role === 'refresh' || r.role === 'replay' || !r.token || !old.has(r.token.fp)) continue;
        if (!found.has(r)) found.set(r, refresh);
      }
    }
    if (found.size === 0) return [];
    const sent = [...found.keys()];
    const [first, refresh] = [...found][0];
    return [
      {
        requests: sent.map((r) => r.id),
        t: first.sent ?? first.start,
        message:
          `${plural(sent.length, 'request')} went out with the old token while the refresh in episode ${ep.id} was in flight: ${describeAll(sent)}` +
          ` (the first ${duration((first.sent ?? first.start) - refresh.start)} after the refresh started).`,
        hint: 'While a refresh is in flight, hold new requests in a request interceptor (await the shared refresh promise) and send them with the new token.',
      },
    ];
  },
};
