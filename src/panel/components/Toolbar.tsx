import type { TabStats } from '../../protocol';
import { ROLES, type Diagnostic, type InstanceInfo } from '../../trace/types';
import type { Filter, StatusFilter } from '../store/filter';
import type { ViewMode } from '../store/panel-store';
import type { TraceIO } from '../io/trace-io';
import { ExportMenu } from './ExportMenu';
import { ImportButton } from './ImportButton';

interface Props {
  recording: boolean;
  preserveLog: boolean;
  requestCount: number;
  eventCount: number;
  stats: TabStats;
  filter: Filter;
  view: ViewMode;
  instances: readonly InstanceInfo[];
  diagnostics: readonly Diagnostic[];
  showDiagnostics: boolean;
  onToggleRecording(): void;
  onClear(): void;
  onPreserveLog(preserve: boolean): void;
  onFilter(filter: Filter): void;
  onView(view: ViewMode): void;
  onToggleDiagnostics(): void;
  io: TraceIO;
  /** Recording from a tab; false in the viewer, which has nothing to record. */
  live: boolean;
}

const REASONS: Array<[keyof TabStats, string]> = [
  ['malformed', 'malformed'],
  ['forged', 'forged by the page'],
  ['version', 'from another protocol version'],
  ['oversized', 'oversized'],
  ['overflow', 'lost to a full buffer'],
  ['rateLimited', 'over the rate limit'],
];

const STATUSES: Array<[StatusFilter, string]> = [
  ['all', 'All statuses'],
  ['ok', '2xx/3xx'],
  ['auth', '401/403'],
  ['error', '4xx/5xx'],
  ['failed', 'No response'],
  ['pending', 'Pending'],
];

export function droppedTotal(stats: TabStats): number {
  return REASONS.reduce((sum, [key]) => sum + stats[key], 0);
}

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

export function Toolbar(props: Props) {
  const { filter } = props;
  const dropped = droppedTotal(props.stats);
  const droppedDetail = REASONS.filter(([key]) => props.stats[key] > 0)
    .map(([key, label]) => `${props.stats[key]} ${label}`)
    .join(', ');
  const errors = props.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = props.diagnostics.length - errors;
  return (
    <div class="toolbar" role="toolbar" aria-label="Recording and filters">
      {props.live && (
        <button
          data-testid="record"
          aria-pressed={props.recording}
          aria-label={props.recording ? 'Stop recording' : 'Record'}
          title={props.recording ? 'Stop recording (live events are ignored)' : 'Record'}
          onClick={props.onToggleRecording}
        >
          <span class={`record-dot${props.recording ? ' on' : ''}`} />
        </button>
      )}
      <button data-testid="clear" title="Clear" aria-label="Clear" onClick={props.onClear}>
        ⊘
      </button>
      <span class="sep" />
      {props.live && (
        <label title="Keep the requests of earlier pages when the page reloads or navigates">
          <input type="checkbox" data-testid="preserve-log" checked={props.preserveLog} onChange={(e) => props.onPreserveLog((e.target as HTMLInputElement).checked)} />
          Preserve log
        </label>
      )}
      <ImportButton io={props.io} />
      <ExportMenu io={props.io} disabled={props.requestCount === 0} />
      <span class="sep" />
      <input
        class="filter"
        type="search"
        placeholder="Filter URL"
        aria-label="Filter by URL or method"
        data-testid="filter-text"
        value={filter.text}
        onInput={(e) => props.onFilter({ ...filter, text: value(e) })}
      />
      <select aria-label="Role" data-testid="filter-role" value={filter.role} onChange={(e) => props.onFilter({ ...filter, role: value(e) as Filter['role'] })}>
        <option value="all">All roles</option>
        {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
      </select>
      <select aria-label="Status" data-testid="filter-status" value={filter.status} onChange={(e) => props.onFilter({ ...filter, status: value(e) as StatusFilter })}>
        {STATUSES.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
      </select>
      {props.instances.length > 1 && (
        <select aria-label="axios instance" data-testid="filter-instance" value={filter.instance} onChange={(e) => props.onFilter({ ...filter, instance: value(e) })}>
          <option value="">All instances</option>
          {props.instances.map((i) => <option key={i.instanceId} value={i.instanceId}>{i.label ?? i.instanceId}</option>)}
        </select>
      )}
      <span class="sep" />
      <div class="segmented" role="radiogroup" aria-label="View">
        <button role="radio" aria-checked={props.view === 'timeline'} data-testid="view-timeline" onClick={() => props.onView('timeline')}>Timeline</button>
        <button role="radio" aria-checked={props.view === 'list'} data-testid="view-list" onClick={() => props.onView('list')}>List</button>
      </div>
      <span class="spacer" />
      {dropped > 0 && (
        <span class="badge" data-testid="dropped-count" data-count={dropped} title={`Dropped: ${droppedDetail}`}>
          {dropped} dropped
        </span>
      )}
      <button
        class={errors ? 'diag-badge error' : warnings ? 'diag-badge warning' : 'diag-badge'}
        data-testid="diagnostics-badge"
        data-errors={errors}
        data-warnings={warnings}
        aria-pressed={props.showDiagnostics}
        title="Show or hide the diagnostics"
        onClick={props.onToggleDiagnostics}
      >
        {errors > 0 && <span>✖ {errors}</span>}
        {warnings > 0 && <span>⚠ {warnings}</span>}
        {errors + warnings === 0 && <span>✔ no problems</span>}
      </button>
      <span class="counts" data-testid="counts" data-requests={props.requestCount} data-events={props.eventCount}>
        {props.requestCount} {props.requestCount === 1 ? 'request' : 'requests'} · {props.eventCount} events
      </span>
    </div>
  );
}
