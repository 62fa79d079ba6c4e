/**
 * Builds episodes by walking a window's moments in time order: auth failures
 * open or join the episode of the token they carried, refresh calls attach to
 * the episode they serve (or open a proactive one), replays follow their
 * originals, and bare fetch/XHR re-sends are matched to the failures they
 * repeat. Starts from an empty state: the caller picks a window that no
 * earlier episode reaches into.
 */
import type { ResolvedOptions } from '../options';
import type { RequestRecord } from '../record';
import { ms } from '../units';
import { attachRefresh, type AttachContext } from './attach-refresh';
import { EpisodeWork, signature } from './episode-work';
import { isAuthFailure } from './status';

const FAILURE = 0;
const REFRESH = 1;
const REPLAY = 2;
const BARE = 3;

interface Point {
  t: number;
  kind: number;
  r: RequestRecord;
}

export interface SweepInput extends AttachContext {
  win: readonly RequestRecord[];
  queuedBy: ReadonlyMap<RequestRecord, RequestRecord[]>;
  byId: ReadonlyMap<string, RequestRecord>;
  o: ResolvedOptions;
}

export function sweep(input: SweepInput): EpisodeWork[] {
  const { o } = input;
  const episodes: EpisodeWork[] = [];
  let live: EpisodeWork[] = [];
  for (const p of points(input.win, o)) {
    live = live.filter((e) => p.t <= e.activeUntil(o.strandedTimeoutMs, o.episodeGraceMs));
    const r = p.r;
    if (p.kind === FAILURE) onFailure(r, live, episodes);
    else if (p.kind === REFRESH) {
      const ep = attachRefresh(r, live, input, o.episodeGraceMs);
      if (!episodes.includes(ep)) {
        episodes.push(ep);
        live.push(ep);
      }
      ep.add(r, 'refreshes');
      for (const q of input.queuedBy.get(r) ?? []) {
        q.role = 'queued';
        ep.add(q, 'queued');
      }
    } else if (p.kind === REPLAY) onExplicitReplay(r, live, input.byId);
    else if (r.role === 'normal') onBare(r, live, o);
  }
  return episodes;
}

function points(win: readonly RequestRecord[], o: ResolvedOptions): Point[] {
  const out: Point[] = [];
  for (const r of win) {
    if (r.role === 'refresh') out.push({ t: r.start, kind: REFRESH, r });
    else if (r.explicitReplayOf !== undefined) out.push({ t: r.start, kind: REPLAY, r });
    else if (!r.axiosView) out.push({ t: r.start, kind: BARE, r });
    if (r.role !== 'refresh' && r.responded !== undefined && isAuthFailure(r, o)) out.push({ t: r.responded, kind: FAILURE, r });
  }
  return out.sort((a, b) => a.t - b.t || a.kind - b.kind || (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0));
}

function onFailure(r: RequestRecord, live: EpisodeWork[], episodes: EpisodeWork[]): void {
  const t = r.responded as number;
  if (r.role === 'replay') {
    // A refused replay stays with its original's episode; a bare one may be re-sent again.
    const ep = live.find((e) => e === r.episodeLink);
    if (!ep) return;
    ep.replayRefusedAt = Math.min(ep.replayRefusedAt, t);
    if (!r.axiosView) addUnmatched(ep, r);
    return;
  }
  // Only a bare request released after a proactive refresh can be queued and then fail: it stays
  // queued (held requests that fail with an axios view are expired, see queued.ts).
  if (r.role === 'queued') return;
  const key = r.token?.fp ?? 'none';
  let ep = live.find((e) => e.key === key);
  if (!ep) {
    ep = new EpisodeWork('auth-failure', key, ms(t));
    episodes.push(ep);
    live.push(ep);
  }
  r.role = 'expired';
  ep.add(r, 'expired');
  if (!r.axiosView) addUnmatched(ep, r);
}

function onExplicitReplay(r: RequestRecord, live: readonly EpisodeWork[], byId: ReadonlyMap<string, RequestRecord>): void {
  const original = byId.get(r.explicitReplayOf as string);
  r.role = 'replay';
  r.replayOf = original?.id ?? r.explicitReplayOf;
  const ep = live.find((e) => e === original?.episodeLink);
  if (ep) ep.add(r, 'replays');
}

/** A bare fetch/XHR: a re-send of a failed request, or one released right after a proactive refresh. */
function onBare(r: RequestRecord, live: readonly EpisodeWork[], o: ResolvedOptions): void {
  const sig = signature(r);
  let match: { ep: EpisodeWork; original: RequestRecord } | undefined;
  for (const ep of live) {
    for (const original of ep.unmatched.get(sig) ?? []) {
      const since = r.start - (original.responded as number);
      if (since < 0 || since > o.replayWindowMs) continue;
      if (!match || original.start < match.original.start) match = { ep, original };
    }
  }
  if (match) {
    const list = match.ep.unmatched.get(sig) as RequestRecord[];
    list.splice(list.indexOf(match.original), 1);
    r.role = 'replay';
    r.replayOf = match.original.role === 'replay' ? match.original.replayOf : match.original.id;
    match.ep.add(r, 'replays');
    return;
  }
  for (const ep of live) {
    if (ep.trigger !== 'proactive' || r.token === undefined) continue;
    const released = ep.refreshes.some(
      (f) => f.produced === r.token?.fp && f.responded !== undefined && r.start >= f.responded && r.start - f.responded <= o.queueReleaseWindowMs,
    );
    if (released) {
      r.role = 'queued';
      ep.add(r, 'queued');
      return;
    }
  }
}

function addUnmatched(ep: EpisodeWork, r: RequestRecord): void {
  const sig = signature(r);
  const list = ep.unmatched.get(sig);
  if (list) list.push(r);
  else ep.unmatched.set(sig, [r]);
}
