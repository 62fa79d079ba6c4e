/**
 * The trace model: feed it event batches as they arrive, ask for a snapshot
 * whenever the view needs one. A snapshot analyses again only the stretch of
 * time that new events can affect (see analysis/window.ts); what lies wholly
 * before it is kept. Results do not depend on the order events arrive in.
 */
import type { TabEvent } from '../protocol';
import { analyzeWindow } from './analysis/analyze-window';
import { estimateClockSkew } from './analysis/clock-skew';
import type { EpisodeWork } from './analysis/episode-work';
import { ProactiveVotes } from './analysis/proactive-votes';
import { diagnosticKey, runRules, type Globals } from './analysis/run-rules';
import { episodeView } from './analysis/episode-view';
import { collectWindow, windowStart } from './analysis/window';
import type { TraceHandler } from './handlers/handler';
import { RequestsHandler } from './handlers/requests';
import { SessionsHandler } from './handlers/sessions';
import { TokensHandler } from './handlers/tokens';
import { resolveOptions, type ResolvedOptions, type TraceOptions } from './options';
import type { RequestRecord } from './record';
import type { Diagnostic, Episode, TraceResult } from './types';
import { ms } from './units';

export class TraceModel {
  private readonly o: ResolvedOptions;
  private readonly requests = new RequestsHandler();
  private readonly tokens = new TokensHandler();
  private readonly sessions = new SessionsHandler();
  private readonly handlers: readonly TraceHandler[] = [this.requests, this.tokens, this.sessions];
  private seen = new Map<string, Set<number>>();
  private episodes: EpisodeWork[] = [];
  private views: Episode[] = [];
  private requestDiags = new Map<RequestRecord, Diagnostic[]>();
  private diagnostics: Diagnostic[] = [];
  private votes = new ProactiveVotes();
  private globals: Globals = { skewMs: 0, proactiveInstances: new Set(), anyProactive: false };
  private firstAccess: string | undefined;
  private changed = false;
  private lastEnd = -Infinity;
  private version = 0;
  private cached?: TraceResult;
  private events = 0;

  constructor(options: TraceOptions = {}) {
    this.o = resolveOptions(options);
  }

  /** Events folded in so far (duplicates of `session` + `seq` are dropped). */
  get eventCount(): number {
    return this.events;
  }

  reset(): void {
    for (const h of this.handlers) h.reset();
    this.seen.clear();
    this.episodes = [];
    this.views = [];
    this.requestDiags.clear();
    this.diagnostics = [];
    this.votes = new ProactiveVotes();
    this.globals = { skewMs: 0, proactiveInstances: new Set(), anyProactive: false };
    this.firstAccess = undefined;
    this.changed = true;
    this.lastEnd = -Infinity;
    this.cached = undefined;
    this.events = 0;
  }

  ingest(events: readonly TabEvent[]): void {
    for (const e of events) {
      let seqs = this.seen.get(e.session);
      if (!seqs) this.seen.set(e.session, (seqs = new Set()));
      if (seqs.has(e.seq)) continue; // history is sent again after a reconnect
      seqs.add(e.seq);
      this.events++;
      for (const h of this.handlers) h.handleEvent(e);
      this.changed = true;
    }
  }

  /**
   * The current result. `endTime` is when the recording ended (or "now" for
   * a live view); by default the time of the last event. It decides which
   * waiting requests are stranded rather than pending, so it should not go
   * backwards between calls (if it does, everything is analysed again).
   */
  snapshot(endTime?: number): TraceResult {
    const recordingEnd = Math.max(this.sessions.last ?? -Infinity, endTime ?? -Infinity);
    if (this.cached && !this.changed && recordingEnd === this.lastEnd) return this.cached;
    let dirtyFrom = this.requests.takeDirty().minStart;
    dirtyFrom = Math.min(dirtyFrom, this.tokens.refresh() - this.o.tokenChangeWindowMs);
    const firstAccess = this.tokens.access[0]?.fp;
    if (recordingEnd < this.lastEnd || firstAccess !== this.firstAccess) dirtyFrom = -Infinity;
    this.firstAccess = firstAccess;
    this.analyze(dirtyFrom, recordingEnd);
    const globals = this.currentGlobals();
    if (!sameGlobals(globals, this.globals)) {
      // Rare (the first proactive refresh, the first skew estimate): the request rules depend on these.
      this.globals = globals;
      this.analyze(-Infinity, recordingEnd);
    }
    this.changed = false;
    this.lastEnd = recordingEnd;
    this.version++;
    this.cached = {
      version: this.version,
      requests: this.requests.byStart,
      episodes: this.views,
      diagnostics: this.diagnostics,
      tokens: this.tokens.all,
      sessions: this.sessions.sessions,
      instances: this.sessions.instances,
      recordingStart: this.sessions.first,
      recordingEnd: Number.isFinite(recordingEnd) ? ms(recordingEnd) : undefined,
      clockSkewMs: this.globals.skewMs,
    };
    return this.cached;
  }

  /** The result at the end of a recording: a snapshot, named for readers of one-shot code. */
  result(endTime?: number): TraceResult {
    return this.snapshot(endTime);
  }

  private analyze(dirtyFrom: number, recordingEnd: number): void {
    if (dirtyFrom === Infinity && this.episodes.every((e) => e.closed)) return;
    let t0 = windowStart(dirtyFrom, this.episodes, this.tokens.access, this.o.tokenChangeWindowMs);
    // Roles of the calls that started before t0, as the kept analysis had them.
    const wasRefresh = new Map<RequestRecord, boolean>();
    for (let round = 0; ; round++) {
      if (round > 50) throw new Error(`analysis did not settle: t0=${t0}`);
      for (const ep of this.episodes) ep.discarded = !(ep.spanEnd < t0);
      const win = collectWindow(this.requests, t0);
      for (const r of win) if (r.start < t0 && !wasRefresh.has(r)) wasRefresh.set(r, r.role === 'refresh');
      const fresh = analyzeWindow({
        win,
        all: this.requests.byStart,
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
    if (!sameDiagnostics(removed, added)) this.rebuildDiagnostics();
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

/** Analyses a complete list of events in one go. */
export function analyzeEvents(events: readonly TabEvent[], options?: TraceOptions, endTime?: number): TraceResult {
  const model = new TraceModel(options);
  model.ingest(events);
  return model.result(endTime);
}
