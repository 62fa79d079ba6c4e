/**
 * The trace model: feed it event batches as they arrive, ask for a snapshot
 * whenever the view needs one. Handlers fold each event into requests, token
 * generations and sessions; a snapshot then analyses again only the stretch
 * of time that the new events can affect (analysis/incremental.ts). Results
 * do not depend on the order events arrive in.
 */
import type { TabEvent } from '../protocol';
import { IncrementalAnalysis } from './analysis/incremental';
import type { TraceHandler } from './handlers/handler';
import { RequestsHandler } from './handlers/requests';
import { SessionsHandler } from './handlers/sessions';
import { TokensHandler } from './handlers/tokens';
import { resolveOptions, type ResolvedOptions, type TraceOptions } from './options';
import type { TraceResult } from './types';
import { ms } from './units';

export class TraceModel {
  private readonly o: ResolvedOptions;
  private readonly requests = new RequestsHandler();
  private readonly tokens = new TokensHandler();
  private readonly sessions = new SessionsHandler();
  private readonly handlers: readonly TraceHandler[] = [this.requests, this.tokens, this.sessions];
  private analysis: IncrementalAnalysis;
  private seen = new Map<string, Set<number>>();
  private events = 0;
  private changed = false;
  private lastEnd = -Infinity;
  private version = 0;
  private cached?: TraceResult;

  constructor(options: TraceOptions = {}) {
    this.o = resolveOptions(options);
    this.analysis = new IncrementalAnalysis(this.o, this.requests, this.tokens);
  }

  /** Events folded in so far (duplicates of `session` + `seq` are dropped). */
  get eventCount(): number {
    return this.events;
  }

  reset(): void {
    for (const h of this.handlers) h.reset();
    this.analysis = new IncrementalAnalysis(this.o, this.requests, this.tokens);
    this.seen.clear();
    this.events = 0;
    this.changed = true;
    this.lastEnd = -Infinity;
    this.cached = undefined;
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
    if (recordingEnd < this.lastEnd) dirtyFrom = -Infinity;
    this.analysis.update(dirtyFrom, recordingEnd);
    this.changed = false;
    this.lastEnd = recordingEnd;
    this.version++;
    const { views, diagnostics, globals } = this.analysis;
    this.cached = {
      version: this.version,
      requests: this.requests.byStart,
      episodes: views,
      diagnostics,
      tokens: this.tokens.all,
      sessions: this.sessions.sessions,
      instances: this.sessions.instances,
      recordingStart: this.sessions.first,
      recordingEnd: Number.isFinite(recordingEnd) ? ms(recordingEnd) : undefined,
      clockSkewMs: globals.skewMs,
    };
    return this.cached;
  }

  /** The result at the end of a recording: a snapshot, named for readers of one-shot code. */
  result(endTime?: number): TraceResult {
    return this.snapshot(endTime);
  }
}

/** Analyses a complete list of events in one go. */
export function analyzeEvents(events: readonly TabEvent[], options?: TraceOptions, endTime?: number): TraceResult {
  const model = new TraceModel(options);
  model.ingest(events);
  return model.result(endTime);
}
