import type { TabStats } from '../../protocol';

interface Props {
  recording: boolean;
  preserveLog: boolean;
  requestCount: number;
  eventCount: number;
  stats: TabStats;
  onToggleRecording(): void;
  onClear(): void;
  onPreserveLog(preserve: boolean): void;
}

const REASONS: Array<[keyof TabStats, string]> = [
  ['malformed', 'malformed'],
  ['forged', 'forged by the page'],
  ['version', 'from another protocol version'],
  ['oversized', 'oversized'],
  ['overflow', 'lost to a full buffer'],
];

export function droppedTotal(stats: TabStats): number {
  return REASONS.reduce((sum, [key]) => sum + stats[key], 0);
}

export function Toolbar(props: Props) {
  const dropped = droppedTotal(props.stats);
  const droppedDetail = REASONS.filter(([key]) => props.stats[key] > 0)
    .map(([key, label]) => `${props.stats[key]} ${label}`)
    .join(', ');
  return (
    <div class="toolbar" role="toolbar" aria-label="Recording">
      <button
        data-testid="record"
        aria-pressed={props.recording}
        title={props.recording ? 'Stop recording (live events are ignored)' : 'Record'}
        onClick={props.onToggleRecording}
      >
        <span class={`record-dot${props.recording ? ' on' : ''}`} />
      </button>
      <button data-testid="clear" title="Clear" onClick={props.onClear}>
        Clear
      </button>
      <span class="sep" />
      <label title="Keep the requests of earlier pages when the page reloads or navigates">
        <input
          type="checkbox"
          data-testid="preserve-log"
          checked={props.preserveLog}
          onChange={(e) => props.onPreserveLog((e.target as HTMLInputElement).checked)}
        />
        Preserve log
      </label>
      <span class="spacer" />
      {dropped > 0 && (
        <span class="badge" data-testid="dropped-count" data-count={dropped} title={`Dropped: ${droppedDetail}`}>
          {dropped} dropped
        </span>
      )}
      <span class="sep" />
      <span class="counts" data-testid="counts" data-requests={props.requestCount} data-events={props.eventCount}>
        {props.requestCount} {props.requestCount === 1 ? 'request' : 'requests'} · {props.eventCount} events
      </span>
    </div>
  );
}
