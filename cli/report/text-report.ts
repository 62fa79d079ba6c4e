/**
 * The readable report `record` and `analyze` print without --json: what a
 * developer reads in a CI log. Requests are named as the rules name them
 * (method, path, local id) so a diagnostic's message and the episode listing
 * point at the same lines; the ids match the --json report.
 */
import { hasErrors } from '../../src/trace/report/json-report';
import { duration, localId, pathOf, plural } from '../../src/trace/rules/describe';
import type { Diagnostic, Episode, TraceRequest, TraceResult } from '../../src/trace/types';

export interface ReportSource {
  /** What was recorded or read: a URL or a file name. */
  source: string;
  /** How it was read, when it matters: HAR has no axios view. */
  kind?: 'recording' | 'trace' | 'har';
}

export function textReport(result: TraceResult, meta: ReportSource): string {
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  const t0 = result.recordingStart ?? result.requests[0]?.start ?? 0;
  const byId = new Map(result.requests.map((r) => [r.id, r]));
  const lines = [
    `Refresh Lens report: ${meta.source}${meta.kind === 'har' ? ' (HAR: network only, no axios view)' : ''}`,
    `${plural(result.requests.length, 'request')}, ${plural(result.episodes.length, 'episode')}, ` +
      `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
    '',
  ];
  if (result.episodes.length === 0) {
    lines.push('No refresh episode: no request was refused for its token and no refresh call was seen.', '');
  }
  for (const episode of result.episodes) lines.push(...episodeLines(episode, byId, t0), '');
  if (result.diagnostics.length > 0) {
    lines.push('Diagnostics:');
    for (const d of result.diagnostics) lines.push(...diagnosticLines(d));
    lines.push('');
  }
  lines.push(
    hasErrors(result)
      ? `FAIL: ${plural(errors, 'error diagnostic')} (exit status 1)`
      : `OK: no error diagnostic${warnings ? ` (${plural(warnings, 'warning')})` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

function episodeLines(e: Episode, byId: ReadonlyMap<string, TraceRequest>, t0: number): string[] {
  const how = e.trigger === 'proactive' ? 'proactive refresh' : 'auth failure';
  const span = e.end === undefined ? 'not settled' : `lasted ${duration(e.end - e.start)}`;
  const lines = [`Episode ${e.id}: ${outcomeText(e.outcome)} (${how} at +${duration(e.start - t0)}, ${span})`];
  const list = (label: string, ids: readonly string[], numbered = false) => {
    if (ids.length === 0) return;
    ids.forEach((id, i) => {
      const head = i === 0 ? `${label} (${ids.length})`.padEnd(16) : ''.padEnd(16);
      lines.push(`  ${head}${numbered ? `${i + 1}. ` : ''}${requestText(id, byId)}`);
    });
  };
  list('expired', e.expired);
  list('queued', e.queued);
  list('refreshes', e.refreshes);
  list('replays', e.replays, true);
  return lines;
}

function outcomeText(outcome: Episode['outcome']): string {
  switch (outcome) {
    case 'recovered':
      return 'recovered';
    case 'failed':
      return 'FAILED, the refresh failed and the waiting requests were rejected';
    case 'stranded':
      return 'STRANDED, requests were left waiting forever';
    case 'pending':
      return 'still going when the recording ended';
  }
}

/** `GET /api/profile (a3) 401`, plus what a replay re-sends and what never settled. */
function requestText(id: string, byId: ReadonlyMap<string, TraceRequest>): string {
  const r = byId.get(id);
  if (!r) return id;
  const status = r.status ? String(r.status) : r.error ?? (r.pending ? 'no response yet' : 'no response');
  // A stranded request may have its 401 and still never settle for its caller.
  const fate = r.stranded ? ', never settled' : r.pending ? ', pending' : '';
  const replay = r.replayOf ? `, replays ${localId(r.replayOf)}` : '';
  return `${r.method} ${pathOf(r.url)} (${localId(r.id)}) ${status}${fate}${replay}`;
}

function diagnosticLines(d: Diagnostic): string[] {
  const where = d.episode ? ` [${d.episode}]` : '';
  return [`  ${d.severity.toUpperCase().padEnd(7)} ${d.rule}${where}: ${d.message}`, `          fix: ${d.hint}`];
}
