import { emptyStats, SOURCE, type BackgroundToPanel, type TabEvent, type TabStats } from '../../protocol';
import { RequestRows } from './request-rows';

export interface PanelState {
  rows: RequestRows;
  stats: TabStats;
  eventCount: number;
  recording: boolean;
  preserveLog: boolean;
  /** Set when the panel and the background disagree about the protocol. */
  problem?: string;
  /** Bumped on every change so views can re-render cheaply. */
  version: number;
}

type Listener = () => void;

/**
 * The panel's state, fed by messages from the background. History is sent
 * again after every reconnect, so events are de-duplicated by page session
 * and sequence number.
 */
export class PanelStore {
  readonly state: PanelState = {
    rows: new RequestRows(),
    stats: emptyStats(),
    eventCount: 0,
    recording: true,
    preserveLog: false,
    version: 0,
  };
  private seen = new Set<string>();
  private listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  receive(message: BackgroundToPanel): void {
    if (message?.source !== SOURCE) return;
    if (message.kind === 'history' || message.kind === 'events') this.addEvents(message.events, message.kind === 'history');
    if (message.kind === 'history' || message.kind === 'stats') this.state.stats = message.stats;
    this.changed();
  }

  setRecording(recording: boolean): void {
    this.state.recording = recording;
    this.changed();
  }

  setPreserveLog(preserve: boolean): void {
    this.state.preserveLog = preserve;
    this.changed();
  }

  clear(): void {
    this.state.rows.clear();
    this.state.eventCount = 0;
    this.state.stats = emptyStats();
    this.changed();
  }

  private addEvents(events: TabEvent[], history: boolean): void {
    // Paused means the live stream is ignored, as in the Network panel; the
    // history a panel asks for when it opens is always shown.
    if (!this.state.recording && !history) return;
    for (const event of events) {
      const id = `${event.session}:${event.seq}`;
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      this.state.eventCount++;
      this.state.rows.add(event, this.state.preserveLog);
    }
  }

  private changed(): void {
    this.state.version++;
    for (const listener of this.listeners) listener();
  }
}
