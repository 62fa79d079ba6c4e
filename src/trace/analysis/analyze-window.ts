/**
 * One pass over a window of requests: refresh calls, queued requests,
 * episodes, stranded/pending flags. Pure over its inputs apart from writing
 * the analysis fields of the window's records and the `producedBy` of the
 * window's generations.
 */
import type { Generation } from '../handlers/generation';
import type { TokensHandler } from '../handlers/tokens';
import type { ResolvedOptions } from '../options';
import { compareByStart, type RequestRecord } from '../record';
import { lowerBound } from '../sorted';
import type { EpisodeWork } from './episode-work';
import { finalizeEpisode } from './finalize-episode';
import { findQueued } from './queued';
import { detectRefreshes, type Timeline } from './refresh-detection';
import { sweep } from './sweep';

export interface WindowInput {
  /** Sorted by start. */
  win: readonly RequestRecord[];
  /** Every request, by start and by response time. */
  all: Timeline;
  /** Access generations first seen in the window, other than the very first one. */
  gens: readonly Generation[];
  tokens: TokensHandler;
  byId: ReadonlyMap<string, RequestRecord>;
  o: ResolvedOptions;
  recordingEnd: number;
  t0: number;
}

export function analyzeWindow(input: WindowInput): EpisodeWork[] {
  const { win, gens, o } = input;
  for (const r of win) r.resetAnalysis();
  for (const g of input.tokens.all) if (g.firstSeen >= input.t0) g.producedBy = undefined;
  detectRefreshes(win, gens, input.all, o);
  const refreshes = win.filter((r) => r.role === 'refresh');
  const queuedBy = findQueued(win, refreshes, o);
  const episodes = sweep({
    win,
    queuedBy,
    byId: input.byId,
    o,
    replacedToken: (r) => replacedToken(r, input),
  });
  for (const ep of episodes) finalizeEpisode(ep, input.recordingEnd, o);
  for (const r of win) r.pending = !r.settled && !r.stranded;
  return episodes.sort((a, b) => a.seedT - b.seedT || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The token a refresh replaced: the one its new token overwrote in storage,
 * else the last token any request carried before the refresh started.
 */
function replacedToken(refresh: RequestRecord, input: WindowInput): string | undefined {
  const produced = refresh.produced === undefined ? undefined : input.tokens.byFp.get(refresh.produced);
  const overwritten = produced && input.tokens.replaced(produced);
  if (overwritten) return overwritten;
  const all = input.all.byStart;
  let i = lowerBound(all, refresh, compareByStart);
  for (let steps = 0; --i >= 0 && steps < 500; steps++) {
    const r = all[i];
    if (r.token && r.token.fp !== refresh.produced && (r.sent ?? r.start) < refresh.start) return r.token.fp;
  }
  return undefined;
}
