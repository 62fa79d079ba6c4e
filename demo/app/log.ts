// The request log: one <li> per HTTP request the app sent, in send order, as
// the app sees it (method, path+query, status). Tests read it from the DOM.

export type Status = number | 'error';

export interface LogEntry {
  readonly method: string;
  readonly url: string;
  status?: Status;
  readonly item: HTMLLIElement;
}

export class RequestLog {
  private run = 0;
  private runStart = performance.now();
  private readonly sentThisRun = new Map<string, number>();
  private entries: LogEntry[] = [];
  private pending = 0;
  private nextLabel = 'page load';
  private readonly listeners = new Set<() => void>();

  constructor(private readonly list: HTMLElement) {}

  /** Starts a new group in the log; earlier requests stay, marked with their run. */
  beginRun(label: string): void {
    this.run += 1;
    this.runStart = performance.now();
    this.sentThisRun.clear();
    this.entries = [];
    this.nextLabel = label;
  }

  sent(method: string, url: string): LogEntry {
    const item = document.createElement('li');
    item.dataset.method = method;
    item.dataset.url = url;
    item.dataset.run = String(this.run);
    if (this.nextLabel) {
      item.dataset.runLabel = this.nextLabel; // CSS draws a heading above the first request of a run
      this.nextLabel = '';
    }
    const key = `${method} ${url}`;
    const times = (this.sentThisRun.get(key) ?? 0) + 1;
    this.sentThisRun.set(key, times);
    const elapsed = Math.round(performance.now() - this.runStart);
    item.innerHTML = `<span class="n"></span><span class="t"></span><span class="m"></span><span class="u"></span><span class="s">…</span>`;
    item.querySelector('.n')!.textContent = `${this.entries.length + 1}.`;
    item.querySelector('.t')!.textContent = `+${elapsed} ms`;
    item.querySelector('.m')!.textContent = method;
    item.querySelector('.u')!.textContent = url + (times > 1 ? `  (sent again, ×${times})` : '');
    this.list.append(item);
    const entry = { method, url, item };
    this.entries.push(entry);
    this.pending += 1;
    this.emit();
    return entry;
  }

  settled(entry: LogEntry, status: Status): void {
    if (entry.status !== undefined) return;
    entry.status = status;
    entry.item.dataset.status = String(status);
    entry.item.classList.add(status === 'error' || status >= 400 ? 'bad' : 'good');
    entry.item.querySelector('.s')!.textContent = String(status);
    this.pending -= 1;
    this.emit();
  }

  /** Requests of the current run (since beginRun). */
  currentRun(): readonly LogEntry[] {
    return this.entries;
  }

  /** HTTP requests sent and not answered yet. */
  inFlight(): number {
    return this.pending;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
