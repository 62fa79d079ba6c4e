/**
 * Import and export for the panel and the viewer: opens a file into the
 * store, writes what the store shows into a file, and holds the one message
 * to show about it. The raw HAR entries of an imported file are kept here,
 * in memory only, for an export that includes secrets; they go when the
 * recording is cleared or another file is opened.
 */
import type { HarEntry } from '../../trace-file/har-types';
import { exportFile, type ExportedFile, type ExportFormat } from '../../trace-file/export-file';
import { checkFileSize, readTraceText } from '../../trace-file/read-file';
import type { LoadedTrace } from '../../trace-file/trace-input';
import type { PanelStore } from '../store/panel-store';

export interface IoMessage {
  kind: 'error' | 'info';
  text: string;
}

/** What a file picker or a drop gives: a File, or anything with its name, size and text. */
export interface FileLike {
  name: string;
  size: number;
  text(): Promise<string>;
}

export class TraceIO {
  message?: IoMessage;
  busy = false;
  private originals = new Map<string, HarEntry>();
  private listeners = new Set<() => void>();

  /** `live`: the store is fed by a tab, so an export judges waiting requests as of now. */
  constructor(
    private readonly store: PanelStore,
    private readonly live: boolean,
  ) {
    store.subscribe(() => {
      if (store.events.length === 0) this.originals.clear();
    });
  }

  /** True when an imported HAR holds raw values that "include secrets" would write. */
  get hasSecrets(): boolean {
    return this.originals.size > 0;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async open(file: FileLike): Promise<void> {
    const name = file.name.length > 120 ? `${file.name.slice(0, 119)}…` : file.name;
    const tooBig = checkFileSize(file.size);
    if (tooBig) return this.say({ kind: 'error', text: `Could not open “${name}”: ${tooBig}.` });
    this.busy = true;
    this.say(undefined);
    let text: string;
    try {
      text = await file.text();
    } catch {
      this.busy = false;
      return this.say({ kind: 'error', text: `Could not open “${name}”: the file could not be read.` });
    }
    const read = readTraceText(text);
    this.busy = false;
    if (!read.ok) return this.say({ kind: 'error', text: `Could not open “${name}”: ${read.error}.` });
    this.originals = read.value.originals;
    this.store.load(read.value.events, { endTime: read.value.endTime, stats: read.value.stats });
    // In the panel, live requests stop being added: what is shown is the file.
    const paused = this.live ? ' Recording is paused.' : '';
    this.say({ kind: 'info', text: `Opened “${name}”: ${this.summary(read.value)}.${paused}` });
  }

  /** The file for one format, from what the panel shows now. */
  file(format: ExportFormat, includeSecrets: boolean): ExportedFile {
    const result = this.store.result(this.live && this.store.state.recording ? Date.now() : undefined);
    return exportFile(format, {
      events: this.store.events,
      result,
      originals: this.originals,
      stats: this.store.state.stats,
      includeSecrets,
      creator: this.live ? 'Refresh Lens panel' : 'Refresh Lens viewer',
    });
  }

  fail(text: string): void {
    this.say({ kind: 'error', text });
  }

  dismiss(): void {
    this.say(undefined);
  }

  private summary(loaded: LoadedTrace): string {
    const result = this.store.result();
    const parts = [plural(result.requests.length, 'request'), plural(result.episodes.length, 'episode')];
    if (loaded.skipped > 0) parts.push(`${plural(loaded.skipped, loaded.kind === 'har' ? 'entry' : 'event')} failed the checks and ${loaded.skipped === 1 ? 'was' : 'were'} left out`);
    if (loaded.ignored) parts.push(`${plural(loaded.ignored, 'entry')} not fetch or XHR left out`);
    return parts.join(', ');
  }

  private say(message: IoMessage | undefined): void {
    this.message = message;
    for (const listener of this.listeners) listener();
  }
}

const plural = (n: number, word: string) => `${n} ${n === 1 ? word : word === 'entry' ? 'entries' : `${word}s`}`;
