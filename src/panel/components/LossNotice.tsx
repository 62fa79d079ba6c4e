import type { Gap } from '../delivery';

const REASON: Record<string, string> = {
  overflow: 'a full buffer',
  rate: 'the rate limit',
  'not-kept': 'history the background no longer keeps',
};

/**
 * Events that never reached the panel, each said once with where it was:
 * the page session and sequence numbers, and the last time before the gap.
 */
export function LossNotice({ gaps, origin }: { gaps: readonly Gap[]; origin: number }) {
  if (gaps.length === 0) return null;
  return (
    <ul class="losses" role="alert" aria-label="Lost events">
      {gaps.map((g) => (
        <li key={g.key} data-testid="loss-marker" data-count={g.count} data-reason={g.reason}>
          {g.count} {g.count === 1 ? 'event' : 'events'} lost to {REASON[g.reason] ?? g.reason}
          {g.session !== undefined && g.from !== undefined ? ` (page ${g.session}, seq ${g.from}–${g.to})` : ''}
          {g.after !== undefined ? `, after ${Math.max(0, Math.round(g.after - origin))} ms` : ''}
        </li>
      ))}
    </ul>
  );
}
