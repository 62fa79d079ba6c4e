/**
 * Keeps the analysis up to date as events arrive: analyses again only the
 * window that new events can affect (see window.ts), keeps the episodes
 * wholly before it, and maintains the flat diagnostics list. Falls back to
 * analysing everything when a recording-wide fact changes (the first
 * proactive refresh, the clock skew estimate, the first token).
 */
import type { RequestsHandler } from '../handlers/requests';
import type { TokensHandler } from '../handlers/tokens';
import type { ResolvedOptions } from '../options';
import type { RequestRecord } from '../record';
import type { Diagnostic, Episode } from '../types';
import { analyzeWindow } from './analyze-window';
import { estimateClockSkew } from './clock-skew';
import type { EpisodeWork } from './episode-work';
import { episodeView } from './episode-view';
import { ProactiveVotes } from './proactive-votes';
import { diagnosticKey, runRules, type Globals } from './run-rules';
import { collectWindow, windowStart } from './window';

export class IncrementalAnalysis {
  episodes: EpisodeWork[] = [];
  /** The public view of `episodes`, same order. */
  views: Episode[] = [];
  diagnostics: Diagnostic[] = [];
  globals: Globals = { skewMs: 0, proactiveInstances: new Set(), anyProactive: false };
  private requestDiags = new Map<RequestRecord, Diagnostic[]>();
  private votes = new ProactiveVotes();
  private firstAccess: string | undefined;

  constructor(
    private readonly o: ResolvedOptions,
    private readonly requests: RequestsHandler,
    private readonly tokens: TokensHandler,
  ) {}

  /** Brings everything up to date with the events so far; `dirtyFrom` is the earliest time they changed. */
  update(dirtyFrom: number, recordingEnd: number): void {
    const firstAccess = this.tokens.access[0]?.fp;
    if (firstAccess !== this.firstAccess) dirtyFrom = -Infinity; // the first token is never a refresh's doing
    this.firstAccess = firstAccess;
    this.analyze(dirtyFrom, recordingEnd);
    const globals = this.currentGlobals();
    if (!sameGlobals(globals, this.globals)) {
      // Rare: the request rules depend on these, for every request.
      this.globals = globals;
      this.analyze(-Infinity, recordingEnd);
    }
  }

  private analyze(dirtyFrom: number, recordingEnd: number): void {
    if (dirtyFrom === Infinity && this.episodes.every((e) => e.closed)) return;
    let t0 = windowStart(dirtyFrom, this.episodes, this.tokens.access, this.o.tokenChangeWindowMs);
    // Roles of the calls that started before t0, as the kept analysis had them.
    const wasRefresh = new Map<RequestRecord, boolean>();
    for (let round = 0; ; round++) {
      // Each round only widens the window; after a few, analyse everything (that cannot widen).
      if (round === 4) t0 = -Infinity;
      for (const ep of this.episodes) ep.discarded = !(ep.spanEnd < t0);
      const win = collectWindow(this.requests, t0);
      for (const r of win) if (r.start < t0 && !wasRefresh.has(r)) wasRefresh.set(r, r.role === 'refresh');
      const fresh = analyzeWindow({
        win,
        all: this.requests,
        gens: this.tokens.access.filter((g) => g.firstSeen >= t0 && g.fp !== this.firstAccess),
        tokens: this.tokens,
        byId: this.requests.byId,
        o: this.o,
        recordingEnd,
        t0,
      });
      const reach = this.keptReach(wasRefresh);
      if (reach < t0) {
        // A call that started before t0 changed role inside a kept episode's span: widen and redo.
        for (const r of win) r.resetAnalysis();
        t0 = windowStart(reach, this.episodes, this.tokens.access, this.o.tokenChangeWindowMs);
        continue;
      }
      if (!this.merge(fresh, win, t0)) {
        for (const r of win) r.resetAnalysis();
        t0 = -Infinity;
        continue;
      }
      return;
    }
  }

  /** The earliest start of a kept episode whose span holds a call that changed between refresh and not. */
  private keptReach(wasRefresh: Map<RequestRecord, boolean>): number {
    let reach = Infinity;
    for (const [r, was] of wasRefresh) {
      if (was === (r.role === 'refresh')) continue;
      for (const ep of this.episodes) {
        if (!ep.discarded && ep.spanStart <= r.start && r.start <= ep.spanEnd) reach = Math.min(reach, ep.spanStart);
      }
    }
    return reach;
  }

  /** Puts a window's episodes after the kept ones; false when they would not sort after them. */
  private merge(fresh: EpisodeWork[], win: readonly RequestRecord[], t0: number): boolean {
    const kept = this.episodes.filter((e) => !e.discarded);
    const lastKept = kept[kept.length - 1];
    if (lastKept && fresh[0] && fresh[0].seedT < lastKept.seedT && t0 > -Infinity) return false;
    const removed: Diagnostic[] = [];
    for (const ep of this.episodes) if (ep.discarded) removed.push(...ep.diagnostics);
    for (const r of win) removed.push(...(this.requestDiags.get(r) ?? []));
    for (const ep of this.episodes) if (ep.discarded) this.votes.remove(ep);
    fresh.forEach((ep, i) => {
      ep.id = `e${kept.length + i + 1}`;
      this.votes.add(ep);
    });
    const perRequest = runRules({
      win,
      episodes: fresh,
      byId: this.requests.byId,
      gens: this.tokens.byFp,
      o: this.o,
      globals: this.globals,
    });
    const added: Diagnostic[] = [];
    for (const r of win) this.requestDiags.delete(r);
    for (const [r, list] of perRequest) {
      this.requestDiags.set(r, list);
      added.push(...list);
    }
    for (const ep of fresh) added.push(...ep.diagnostics);
    this.views = this.views.slice(0, kept.length).concat(fresh.map(episodeView));
    this.episodes = kept.concat(fresh);
    if ((removed.length > 0 || added.length > 0) && !sameDiagnostics(removed, added)) this.rebuildDiagnostics();
    return true;
  }

  private rebuildDiagnostics(): void {
    const all: Diagnostic[] = [];
    for (const ep of this.episodes) all.push(...ep.diagnostics);
    for (const list of this.requestDiags.values()) all.push(...list);
    all.sort((a, b) => a.t - b.t || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) || (diagnosticKey(a) < diagnosticKey(b) ? -1 : 1));
    this.diagnostics = all;
  }

  private currentGlobals(): Globals {
    return {
      skewMs: estimateClockSkew(this.tokens.all, this.o.clockSkewThresholdMs),
      proactiveInstances: this.votes.instances(),
      anyProactive: this.votes.anyProactive,
    };
  }
}

function sameGlobals(a: Globals, b: Globals): boolean {
  if (a.skewMs !== b.skewMs || a.anyProactive !== b.anyProactive) return false;
  if (a.proactiveInstances.size !== b.proactiveInstances.size) return false;
  for (const i of a.proactiveInstances) if (!b.proactiveInstances.has(i)) return false;
  return true;
}

function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  const keys = a.map(diagnosticKey).sort();
  const other = b.map(diagnosticKey).sort();
  return keys.every((k, i) => k === other[i]);
}
