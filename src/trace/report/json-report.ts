/**
 * The CLI's `--json` report: SPEC's contract fields (`requests`, `episodes`,
 * `diagnostics` and the names inside them) first, then additions. Missing
 * values are null rather than absent so the shape is the same every time.
 * Times are epoch milliseconds.
 */
import type { Diagnostic, Episode, RuleId, Severity, TraceRequest, TraceResult } from '../types';

export interface JsonRequest {
  id: string;
  method: string;
  url: string;
  role: TraceRequest['role'];
  replayOf: string | null;
  status: number | null;
  start: number;
  end: number | null;
  // additions
  episode: string | null;
  pending: boolean;
  stranded: boolean;
  sent: number | null;
  responded: number | null;
  error: string | null;
  transport: string | null;
  instance: string | null;
  token: string | null;
}

export interface JsonEpisode {
  id: string;
  start: number;
  end: number | null;
  outcome: Episode['outcome'];
  expired: string[];
  queued: string[];
  refreshes: string[];
  replays: string[];
  // additions
  trigger: Episode['trigger'];
  oldToken: string;
  newTokens: string[];
}

export interface JsonDiagnostic {
  rule: RuleId;
  severity: Severity;
  episode: string | null;
  requests: string[];
  message: string;
  // additions
  hint: string;
  t: number;
}

export interface JsonReport {
  requests: JsonRequest[];
  episodes: JsonEpisode[];
  diagnostics: JsonDiagnostic[];
  clockSkewMs: number;
}

export function toJsonReport(result: TraceResult): JsonReport {
  return {
    requests: result.requests.map(jsonRequest),
    episodes: result.episodes.map(jsonEpisode),
    diagnostics: result.diagnostics.map(jsonDiagnostic),
    clockSkewMs: result.clockSkewMs,
  };
}

/** True when an error-severity diagnostic fired: the CLI's exit status 1. */
export const hasErrors = (result: TraceResult): boolean => result.diagnostics.some((d) => d.severity === 'error');

function jsonRequest(r: TraceRequest): JsonRequest {
  return {
    id: r.id,
    method: r.method,
    url: r.url,
    role: r.role,
    replayOf: r.replayOf ?? null,
    status: r.status ?? null,
    start: r.start,
    end: r.end ?? null,
    episode: r.episode ?? null,
    pending: r.pending,
    stranded: r.stranded,
    sent: r.sent ?? null,
    responded: r.responded ?? null,
    error: r.error ?? null,
    transport: r.transport ?? null,
    instance: r.instanceId ?? null,
    token: r.token?.fp ?? null,
  };
}

function jsonEpisode(e: Episode): JsonEpisode {
  return {
    id: e.id,
    start: e.start,
    end: e.end ?? null,
    outcome: e.outcome,
    expired: [...e.expired],
    queued: [...e.queued],
    refreshes: [...e.refreshes],
    replays: [...e.replays],
    trigger: e.trigger,
    oldToken: e.oldToken,
    newTokens: [...e.newTokens],
  };
}

function jsonDiagnostic(d: Diagnostic): JsonDiagnostic {
  return {
    rule: d.rule,
    severity: d.severity,
    episode: d.episode ?? null,
    requests: [...d.requests],
    message: d.message,
    hint: d.hint,
    t: d.t,
  };
}
