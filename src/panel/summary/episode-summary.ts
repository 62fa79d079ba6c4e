import type { Episode, TraceRequest } from '../../trace/types';

export interface EpisodeSummary {
  text: string;
  /** True when an error-severity diagnostic fired in the episode. */
  bad: boolean;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/**
 * The line a user reads first: "3 requests expired → 1 refresh (180 ms) →
 * 3 replays, in order · recovered", or what went wrong, in those words.
 */
export function summarizeEpisode(episode: Episode, byId: Map<string, TraceRequest>): EpisodeSummary {
  const parts: string[] = [];
  if (episode.trigger === 'proactive') parts.push('token expired before sending');
  if (episode.expired.length > 0) parts.push(`${plural(episode.expired.length, 'request')} expired`);
  if (episode.queued.length > 0) parts.push(`${plural(episode.queued.length, 'request')} queued`);

  const refreshes = episode.refreshes.map((id) => byId.get(id)).filter((r): r is TraceRequest => r !== undefined);
  if (refreshes.length === 1) {
    const r = refreshes[0];
    const took = r.end !== undefined ? ` (${duration(r.end - r.start)})` : ' (pending)';
    const failed = r.status !== undefined && (r.status === 0 || r.status >= 400) ? `, failed ${r.status || r.error || ''}`.trimEnd() : '';
    parts.push(`1 refresh${took}${failed}`);
  } else if (refreshes.length > 1) {
    parts.push(`${refreshes.length} refreshes for one expiry`);
  } else {
    parts.push('no refresh');
  }

  const outOfOrder = episode.diagnostics.some((d) => d.rule === 'replay-out-of-order');
  if (episode.replays.length > 0) parts.push(`${plural(episode.replays.length, 'replay')}, ${outOfOrder ? 'out of order' : 'in order'}`);
  else if (episode.expired.length > 0) parts.push('no replays');

  const errors = episode.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = episode.diagnostics.length - errors;
  const tail: string[] = [episode.outcome];
  if (errors) tail.push(plural(errors, 'error'));
  if (warnings) tail.push(plural(warnings, 'warning'));
  return { text: `${episode.id}: ${parts.join(' → ')} · ${tail.join(', ')}`, bad: errors > 0 };
}
