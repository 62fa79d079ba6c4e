/**
 * Which requests are refresh calls. A request is one when its URL names a
 * token endpoint, or when a new access token first appears right after its
 * response (a token write, or requests carrying a new fingerprint) and it is
 * the likeliest cause: URL match first, then a call started while 401s were
 * being handled or requests were held, then the response closest in time.
 */
import type { Generation } from '../handlers/generation';
import type { ResolvedOptions } from '../options';
import type { RequestRecord } from '../record';
import { matchesRefreshUrl } from './url-patterns';
import { isAuthFailure, isOkStatus } from './status';

interface Interval {
  from: number;
  to: number;
}

export function detectRefreshes(win: readonly RequestRecord[], gens: readonly Generation[], o: ResolvedOptions): void {
  for (const r of win) {
    if (r.explicitReplayOf === undefined && matchesRefreshUrl(r.url, o.refreshUrlPatterns)) r.role = 'refresh';
  }
  if (gens.length === 0) return;
  const busy = busyIntervals(win, o);
  // Candidates are responded calls; a long one may start well before the token it produced.
  let longest = 0;
  for (const r of win) if (r.responded !== undefined) longest = Math.max(longest, r.responded - r.start);
  for (const g of gens) {
    const best = bestCandidate(win, g, busy, longest, o);
    if (!best) continue;
    best.role = 'refresh';
    best.produced = g.fp;
    g.producedBy = best.id;
  }
}

function bestCandidate(
  win: readonly RequestRecord[],
  g: Generation,
  busy: readonly Interval[],
  longest: number,
  o: ResolvedOptions,
): RequestRecord | undefined {
  const tc = g.firstSeen;
  let best: RequestRecord | undefined;
  let bestScore: number[] = [];
  for (let i = upperStart(win, tc) - 1; i >= 0; i--) {
    const r = win[i];
    if (r.start < tc - o.tokenChangeWindowMs - longest) break;
    const resp = r.responded;
    if (resp === undefined || resp < tc - o.tokenChangeWindowMs) continue;
    if (r.explicitReplayOf !== undefined || r.produced !== undefined || isAuthFailure(r, o)) continue;
    if (resp <= tc && !isOkStatus(r.status)) continue;
    if (r.token?.fp === g.fp) continue;
    const score = [
      r.role === 'refresh' ? 1 : 0,
      busy.some((b) => b.from < r.start && r.start < b.to) ? 1 : 0,
      -Math.abs(tc - resp),
    ];
    if (!best || better(score, bestScore) || (equal(score, bestScore) && r.id < best.id)) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

/** Spans while 401s were being handled or requests were held in request interceptors. */
function busyIntervals(win: readonly RequestRecord[], o: ResolvedOptions): Interval[] {
  const out: Interval[] = [];
  for (const r of win) {
    if (isAuthFailure(r, o) && r.responded !== undefined) {
      const settled = r.axiosView ? r.settleT : undefined;
      out.push({ from: r.responded, to: settled ?? r.responded + (r.axiosView ? o.strandedTimeoutMs : o.episodeGraceMs) });
    }
    if (r.enterT !== undefined) {
      const released = r.dispatchT ?? r.settleT ?? r.enterT + o.strandedTimeoutMs;
      if (released > r.enterT) out.push({ from: r.enterT, to: released });
    }
  }
  return out;
}

function upperStart(win: readonly RequestRecord[], t: number): number {
  let lo = 0;
  let hi = win.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (win[mid].start < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}

const equal = (a: number[], b: number[]): boolean => a.every((x, i) => x === b[i]);
