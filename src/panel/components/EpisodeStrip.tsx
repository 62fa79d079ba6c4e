import type { EpisodeSummary } from '../summary/episode-summary';

interface Props {
  summaries: Array<{ id: string; summary: EpisodeSummary }>;
  onFit(id: string): void;
}

/** One line per episode; clicking one fits the timeline to it. */
export function EpisodeStrip({ summaries, onFit }: Props) {
  if (summaries.length === 0) return null;
  return (
    <ul class="episodes" data-testid="episodes" aria-label="Episodes">
      {summaries.map(({ id, summary }) => (
        <li key={id}>
          <button class={summary.bad ? 'episode bad' : 'episode'} data-testid="episode" data-episode={id} title="Fit the timeline to this episode" onClick={() => onFit(id)}>
            {summary.text}
          </button>
        </li>
      ))}
    </ul>
  );
}
