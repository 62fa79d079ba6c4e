/**
 * Knobs of the analysis. Defaults suit a recording of a real page; every one
 * can be changed by the panel, the CLI or a test.
 */
import { defaultRefreshPatterns } from './analysis/url-patterns';

export interface TraceOptions {
  /** HTTP statuses that mean "the access token was refused". */
  authFailureStatuses?: readonly number[];
  /** URL patterns of refresh calls, tried on the path and query (without the origin). */
  refreshUrlPatterns?: readonly RegExp[];
  /** When false, refreshUrlPatterns replaces the built-in patterns instead of adding to them. */
  keepDefaultRefreshPatterns?: boolean;
  /**
   * How long an expired or queued request may wait, while its episode still
   * has a refresh or replay in flight, before it counts as stranded rather
   * than pending (the refresh may just be slow).
   */
  strandedTimeoutMs?: number;
  /**
   * How long it may wait once nothing in its episode is in flight any more.
   * Apps settle their waiters within a tick of the refresh ending, so this is
   * short; a recording that stops sooner leaves them pending.
   */
  settleGraceMs?: number;
  /** A token first seen this long after a call's response can still be that call's doing. */
  tokenChangeWindowMs?: number;
  /** Without an axios view, a re-send this long after the 401 can still be a replay. */
  replayWindowMs?: number;
  /** Without an axios view, a request this soon after a proactive refresh with its new token was queued. */
  queueReleaseWindowMs?: number;
  /** A request held this long before a refresh started was not held by it. */
  queueLeadMs?: number;
  /** An episode stays open this long after its last activity, for late 401s and replays. */
  episodeGraceMs?: number;
  /** Page and server clocks further apart than this are corrected for when reading `exp`. */
  clockSkewThresholdMs?: number;
}

export interface ResolvedOptions {
  authFailureStatuses: ReadonlySet<number>;
  refreshUrlPatterns: readonly RegExp[];
  strandedTimeoutMs: number;
  settleGraceMs: number;
  tokenChangeWindowMs: number;
  replayWindowMs: number;
  queueReleaseWindowMs: number;
  queueLeadMs: number;
  episodeGraceMs: number;
  clockSkewThresholdMs: number;
}

export function resolveOptions(o: TraceOptions = {}): ResolvedOptions {
  const extra = o.refreshUrlPatterns ?? [];
  return {
    authFailureStatuses: new Set(o.authFailureStatuses ?? [401]),
    refreshUrlPatterns: o.keepDefaultRefreshPatterns === false ? extra : [...defaultRefreshPatterns, ...extra],
    strandedTimeoutMs: o.strandedTimeoutMs ?? 5_000,
    settleGraceMs: o.settleGraceMs ?? 300,
    tokenChangeWindowMs: o.tokenChangeWindowMs ?? 1_000,
    replayWindowMs: o.replayWindowMs ?? 30_000,
    queueReleaseWindowMs: o.queueReleaseWindowMs ?? 100,
    queueLeadMs: o.queueLeadMs ?? 1_000,
    episodeGraceMs: o.episodeGraceMs ?? 1_000,
    clockSkewThresholdMs: o.clockSkewThresholdMs ?? 2_000,
  };
}
