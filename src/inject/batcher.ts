import type { PageEvent } from '../protocol';
import type { EventInit } from './context';

export interface BatcherOptions {
  /** Flush when this many events are queued... */
  maxEvents: number;
  /** ...or when the oldest queued event is this old, whichever comes first. */
  maxDelayMs: number;
  /** Events held while not connected (or not yet flushed); beyond it they are dropped and counted. */
  capacity: number;
  /** `events` are numbered from `first`, and `dropped` events right after them. */
  send(events: PageEvent[], first: number, dropped: number): void;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /**
   * Registers a flush to run when the page is about to go away. Default: on
   * `pagehide`, where there is a window. Without it the last batch (up to
   * maxDelayMs of events) of every page that navigates away would be lost.
   */
  onHide?(flush: () => void): void;
}

function flushOnPageHide(flush: () => void): void {
  if (typeof addEventListener === 'function') addEventListener('pagehide', flush, true);
}

/**
 * Queues page events and sends them in batches. Sequence numbers are given to
 * dropped events too, so the receiver sees exactly where a gap is.
 */
export class Batcher {
  private queue: PageEvent[] = [];
  private seq = 0;
  private dropped = 0;
  private timer: unknown;
  private connected = false;

  constructor(private readonly options: BatcherOptions) {
    (options.onHide ?? flushOnPageHide)(() => this.flush());
  }

  push(init: EventInit): void {
    const event = init as PageEvent;
    event.seq = this.seq++;
    if (this.queue.length >= this.options.capacity) {
      this.dropped++;
      return;
    }
    this.queue.push(event);
    if (!this.connected) return;
    if (this.queue.length >= this.options.maxEvents) this.flush();
    else if (this.timer === undefined) this.timer = this.options.setTimer(() => this.flush(), this.options.maxDelayMs);
  }

  /** Start sending; everything queued so far goes out at once. */
  connect(): void {
    this.connected = true;
    this.flush();
  }

  flush(): void {
    if (this.timer !== undefined) {
      this.options.clearTimer(this.timer);
      this.timer = undefined;
    }
    if (!this.connected) return;
    while (this.queue.length > 0 || this.dropped > 0) {
      const chunk = this.queue.splice(0, this.options.maxEvents);
      const first = chunk.length > 0 ? chunk[0].seq : this.seq - this.dropped;
      // Drops happen only while the queue is full, so their sequence numbers
      // follow the last queued event: they go with the last chunk, and the
      // receiver knows exactly which numbers they took.
      const dropped = this.queue.length === 0 ? this.dropped : 0;
      if (this.queue.length === 0) this.dropped = 0;
      this.options.send(chunk, first, dropped);
    }
  }

  get pending(): number {
    return this.queue.length;
  }
}
