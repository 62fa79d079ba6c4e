import { emptyStats, SOURCE, type BackgroundToPanel, type Headers, type TabEvent, type TabStats } from '../../protocol';
import { TraceModel } from '../../trace/model';
import type { TraceResult } from '../../trace/types';
import { emptyFilter, type Filter } from './filter';

export type ViewMode = 'timeline' | 'list';

export interface PanelState {
  stats: TabStats;
  eventCount: number;
  recording: boolean;
  preserveLog: boolean;
  filter: Filter;
  view: ViewMode;
  selected?: string;
  /** Set when the panel and the background disagree about the protocol, or the extension went away. */
  problem?: string;
  /** The extension was reloaded or removed under the panel: what it shows is all there will be. */
  extensionGone?: boolean;
  /** Bumped on every change so views can re-render cheaply. */
  version: number;
}

type Listener = () => void;

/**
 * The panel's state, fed by messages from the background. History is sent
 * again after every reconnect, so events are de-duplicated by page session
 * and sequence number. The trace model is fed incrementally.
 */
export class PanelStore {
  readonly state: PanelState = {
    stats: emptyStats(),
    eventCount: 0,
    recording: true,
    preserveLog: false,
    filter: emptyFilter(),
    view: 'timeline',
    version: 0,
  };
  readonly model = new TraceModel();
  /** Request headers by `session:id` (transport and axios ids), for the details pane. */
  readonly headers = new Map<string, Headers>();
  private seen = new Set<string>();
  /** The events the model holds, for export. */
  private kept: TabEvent[] = [];
  /** When an imported recording ended; undefined for a live one. */
  private loadedEnd?: number;
  private listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The analysed recording; `now` lets waiting requests turn stranded while nothing arrives. */
  result(now?: number): TraceResult {
    return this.model.snapshot(now ?? this.loadedEnd);
  }

  /** The events behind what is shown, in arrival order: what an export writes. */
  get events(): readonly TabEvent[] {
    return this.kept;
  }

  receive(message: BackgroundToPanel): void {
    if (message?.source !== SOURCE) return;
    if (message.kind === 'history' || message.kind === 'events') this.addEvents(message.events, message.kind === 'history');
    if (message.kind === 'history' || message.kind === 'stats') this.state.stats = message.stats;
    this.changed();
  }

  /**
   * Events from an imported file, in place of what was recorded. The file's
   * end time and drop counts are shown as they were; its page loads do not
   * clear each other, whatever "Preserve log" says: the file is what to show.
   */
  load(events: TabEvent[], file: { endTime?: number; stats?: TabStats } = {}): void {
    this.reset();
    this.state.recording = false;
    this.state.stats = file.stats ?? emptyStats();
    this.addEvents(events, true, false);
    this.loadedEnd = file.endTime;
    this.changed();
  }

  /**
   * The extension was reloaded or removed: nothing more will arrive. The
   * recording stops where it is (so a request still waiting is not called
   * stranded for the silence) and stays here to read and export.
   */
  extensionGone(): void {
    this.state.extensionGone = true;
    this.state.recording = false;
    this.state.problem =
      'Refresh Lens was reloaded or removed, so this panel no longer records. What it shows stays here, and Export still works. Close and reopen DevTools to record again.';
    this.changed();
  }

  update(patch: Partial<Pick<PanelState, 'recording' | 'preserveLog' | 'filter' | 'view' | 'selected'>>): void {
    Object.assign(this.state, patch);
    this.changed();
  }

  clear(): void {
    this.reset();
    this.state.stats = emptyStats();
    this.changed();
  }

  private reset(): void {
    this.seen.clear();
    this.state.eventCount = 0;
    this.state.selected = undefined;
    this.model.reset();
    this.headers.clear();
    this.kept = [];
    this.loadedEnd = undefined;
  }

  private addEvents(events: TabEvent[], history: boolean, pageLoadsClear = !this.state.preserveLog): void {
    // Paused means the live stream is ignored, as in the Network panel; the
    // history a panel asks for when it opens is always shown.
    if (!this.state.recording && !history) return;
    let fresh: TabEvent[] = [];
    for (const event of events) {
      const id = `${event.session}:${event.seq}`;
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      // Only the top frame's page load starts afresh: an iframe loading must not clear the page's requests.
      if (event.type === 'page-start' && event.frame === undefined && pageLoadsClear) {
        this.model.reset();
        this.headers.clear();
        this.state.selected = undefined;
        this.kept = [];
        fresh = [];
      }
      if (event.type === 'request-start') this.headers.set(`${event.session}:${event.id}`, event.headers);
      if (event.type === 'axios-step' && event.headers) this.headers.set(`${event.session}:${event.id}`, event.headers);
      this.state.eventCount++;
      fresh.push(event);
      this.kept.push(event);
    }
    this.model.ingest(fresh);
  }

  private changed(): void {
    this.state.version++;
    for (const listener of this.listeners) listener();
  }
}
