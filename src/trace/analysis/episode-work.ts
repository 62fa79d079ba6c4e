/**
 * An episode while the window analysis builds it: members as records, the
 * sweep's bookkeeping, and after finalising, the span the incremental model
 * uses to decide whether later data can still touch it.
 */
import type { EpisodeLink, RequestRecord } from '../record';
import type { Diagnostic, Episode, EpisodeOutcome } from '../types';
import type { Ms } from '../units';

export type MemberList = 'expired' | 'queued' | 'refreshes' | 'replays';

export class EpisodeWork implements EpisodeLink {
  id = '';
  discarded = false;
  readonly expired: RequestRecord[] = [];
  readonly queued: RequestRecord[] = [];
  readonly refreshes: RequestRecord[] = [];
  readonly replays: RequestRecord[] = [];
  /** Replays by the id of the request they re-send. */
  readonly replaysOf = new Map<string, RequestRecord[]>();
  /** Bare (no axios view) failed requests not yet matched by a re-send, by signature. */
  readonly unmatched = new Map<string, RequestRecord[]>();
  /** When a replay first came back refused: refreshes after it belong to a retry loop, not a stampede. */
  replayRefusedAt = Infinity;

  // Sweep bookkeeping: the latest known time of any member, the latest end of
  // a settled one, and how many have not settled.
  lastKnown = -Infinity;
  busyEnd = -Infinity;
  unsettled = 0;

  // Set by finalizeEpisode.
  end?: Ms;
  /** Until when a refresh that never answered counts as in flight. */
  inFlightUntil = Infinity;
  outcome: EpisodeOutcome = 'pending';
  spanStart = Infinity;
  /** Infinity while the episode may still change as time passes. */
  spanEnd = Infinity;
  closed = false;
  newTokens: string[] = [];
  diagnostics: Diagnostic[] = [];
  view?: Episode;

  constructor(
    readonly trigger: 'auth-failure' | 'proactive',
    /** Fingerprint of the token being replaced, or a stand-in. */
    readonly key: string,
    readonly seedT: Ms,
  ) {}

  add(r: RequestRecord, list: MemberList): void {
    this[list].push(r);
    r.episodeLink = this;
    this.lastKnown = Math.max(this.lastKnown, r.lastT);
    if (r.settled) this.busyEnd = Math.max(this.busyEnd, r.end ?? r.lastT);
    else this.unsettled++;
    if (list === 'replays' && r.replayOf !== undefined) {
      const prior = this.replaysOf.get(r.replayOf);
      if (prior) prior.push(r);
      else this.replaysOf.set(r.replayOf, [r]);
    }
  }

  /** Until when late failures, refreshes and replays still join this episode. */
  activeUntil(strandedTimeoutMs: number, graceMs: number): number {
    const waiting = this.unsettled > 0 ? this.lastKnown + strandedTimeoutMs : -Infinity;
    return Math.max(this.busyEnd, waiting) + graceMs;
  }

  members(): RequestRecord[] {
    return [...this.expired, ...this.queued, ...this.refreshes, ...this.replays];
  }
}

/** Same method, URL and body size: how a re-send is recognised without an axios view. */
export function signature(r: RequestRecord): string {
  return `${r.method} ${r.url} ${r.bodySize ?? ''}`;
}
