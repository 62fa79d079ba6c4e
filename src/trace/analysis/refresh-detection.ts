/**
 * Which requests are refresh calls. A request is one when its URL names a
 * token endpoint, or when a new access token first appears right after its
 * response (a token write, or requests carrying a new fingerprint) and it is
 * the likeliest cause: URL match first, then a call started while 401s were
 * being handled or requests were held, then the response closest in time.
 * A call with neither the URL nor that timing counts only when the new token
 * was first seen being written.
 */
import type { Generation } from '../handlers/generation';
import type { ResolvedOptions } from '../options';
import type { RequestRecord } from '../record';
import { matchesRefreshUrl } from './url-patterns';
import { firstAtOrAfter } from '../sorted';
import { isAuthFailure, isOkStatus } from './status';

export interface Timeline {
  /** Every request, by start. */
  byStart: readonly RequestRecord[];
  /** Every request with a response, by response time. */
  byResponded: readonly RequestRecord[];
}

export function detectRefreshes(win: readonly RequestRecord[], gens: readonly Generation[], all: Timeline, o: ResolvedOptions): void {
  for (const r of win) if (r.explicitReplayOf === undefined && refreshUrl(r, o)) r.role = 'refresh';
  if (gens.length === 0) return;
  // Candidates are responded calls; a long one may start well before the token it produced.
  let longest = 0;
  for (const r of win) if (r.responded !== undefined) longest = Math.max(longest, r.responded - r.start);
  for (const g of gens) {
    const best = bestCandidate(win, g, all, longest, o);
    if (!best) continue;
    best.role = 'refresh';
    best.produced = g.fp;
    g.producedBy = best.id;
  }
}

function bestCandidate(win: readonly RequestRecord[], g: Generation, all: Timeline, longest: number, o: ResolvedOptions): RequestRecord | undefined {
  const tc = g.firstSeen;
  let best: RequestRecord | undefined;
  let bestScore: number[] = [];
  for (let i = firstAtOrAfter(win, tc, (r) => r.start) - 1; i >= 0; i--) {
    const r = win[i];
    if (r.start < tc - o.tokenChangeWindowMs - longest) break;
    const resp = r.responded;
    if (resp === undefined || resp < tc - o.tokenChangeWindowMs) continue;
    if (r.explicitReplayOf !== undefined || r.produced !== undefined || isAuthFailure(r, o)) continue;
    if (resp <= tc && !isOkStatus(r.status)) continue;
    if (r.token?.fp === g.fp) continue;
    // Before its response is over, a call can only have set a cookie (from its headers), not
    // handed the app a token to send.
    if (resp > tc && g.writes[0]?.t !== tc) continue;
    // Without a token endpoint URL, a call must have started while 401s were handled (or requests
    // held), or be followed by a write of the new token: a token the page merely starts sending
    // (read back from storage after a reload, say) is no call's doing.
    const urlMatch = r.role === 'refresh';
    const duringHandling = startedWhileHandling(r, all, o);
    if (!urlMatch && !duringHandling && g.writes[0]?.t !== tc) continue;
    const score = [urlMatch ? 1 : 0, duringHandling ? 1 : 0, -Math.abs(tc - resp)];
    if (!best || better(score, bestScore) || (equal(score, bestScore) && r.id < best.id)) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Whether a call started just after a 401 came back, or while another request
 * was held in its request interceptors: when an app starts its refresh. Looks
 * at every request (not only the window), a bounded time back.
 */
function startedWhileHandling(r: RequestRecord, all: Timeline, o: ResolvedOptions): boolean {
  const t = r.start;
  for (let i = firstAtOrAfter(all.byResponded, t - o.episodeGraceMs, (x) => x.responded as number); i < all.byResponded.length; i++) {
    const f = all.byResponded[i];
    if ((f.responded as number) >= t) break;
    if (f === r || !isAuthFailure(f, o)) continue;
    const settled = f.axiosView ? f.settleT : undefined;
    if (settled === undefined || settled > t) return true;
  }
  for (let i = firstAtOrAfter(all.byStart, t - o.queueLeadMs, (x) => x.start); i < all.byStart.length; i++) {
    const h = all.byStart[i];
    if (h.start >= t) break;
    if (h === r || h.enterT === undefined) continue;
    const released = h.dispatchT ?? h.settleT;
    if (released === undefined || released > t) return true;
  }
  return false;
}

/** Whether the URL names a token endpoint, remembered per record: windows see a record many times. */
function refreshUrl(r: RequestRecord, o: ResolvedOptions): boolean {
  const url = r.url;
  if (r.refreshUrlChecked?.url !== url) r.refreshUrlChecked = { url, match: matchesRefreshUrl(url, o.refreshUrlPatterns) };
  return r.refreshUrlChecked.match;
}

function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}

const equal = (a: number[], b: number[]): boolean => a.every((x, i) => x === b[i]);
