import { BatchWriter, LIMITS } from '../protocol';
import type { EventInit } from './context';

export interface BatcherOptions {
  /** Seal a batch when it holds this many events... */
  maxEvents: number;
  /** ...or when its body could be this long... */
  maxBytes: number;
  /** ...and send when the oldest held event is this old, whichever comes first, while a panel watches... */
  maxDelayMs: number;
  /** ...or this old while none does (watch); default maxDelayMs. Until told, none does. */
  unwatchedDelayMs?: number;
  /**
   * A sealed batch (maxEvents, maxBytes) is sent on a timer of this many ms,
   * a task of its own, rather than inside the call that recorded the event
   * that filled it; at once when the batcher could not hold another batch
   * before that timer fires. Default: at once.
   */
  sealedDelayMs?: number;
  /** Stringify a batch's records every this many values (BatchWriter); default: all at once, when sealed. */
  chunkValues?: number;
  /**
   * Write events into the batch this many at a time, and at every flush;
   * default 1: each as it is pushed. Until then an axios step stays in an
   * object kept for its slot (the page script writes it there, nextStep;
   * a step pushed in any other object is copied into it), any other event
   * is kept as it is.
   */
  writeEvery?: number;
  /** Events held while not connected (or not yet flushed); beyond it they are dropped and counted. */
  capacity: number;
  /** The time event times count from on the wire (the page's performance.timeOrigin). */
  origin: number;
  /**
   * `count` events numbered from `first`, as a wire-format body (none when
   * `count` is 0), and `dropped` events numbered right after them.
   */
  send(body: string | undefined, first: number, count: number, dropped: number): void;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /**
   * Registers a flush to run when the page is about to go away or out of
   * sight. Default: on `pagehide`, where there is a window, and on the
   * document's `freeze` and `visibilitychange`. Without it the last batch
   * (up to unwatchedDelayMs of events) of every page that navigates away
   * would be lost.
   */
  onHide?(flush: () => void): void;
}

/** How the page script batches (the rest of BatcherOptions is the page's own: clock, channel, timers). */
export const PAGE_BATCHING = {
  // A busy page paid about 0.4 ms of its thread per batch sent (2-core VM,
  // paired runs), more than the posts themselves (their cost follows their
  // bytes, the same however they are cut): most likely the worker decoding
  // and saving on the other core while the page ran. Batches of
  // 1,000 events made a tight request loop send several per timer period;
  // now the timer, not the count, bounds a batch, and the panel is as live
  // as before. The cost: the end of a synchronous flood shows later (the
  // worker publishes a batch once saved; README, "What it costs a page").
  maxEvents: 10_000,
  // The bridge refuses a message over LIMITS.batchBytes; a batch is sealed
  // while its body could not yet be a quarter of that, so one more event
  // of the largest kind still fits.
  maxBytes: LIMITS.batchBytes / 4,
  maxDelayMs: 50,
  // While no panel watches the tab nobody sees the events live: they only
  // need to reach the background's log, which a panel opened later reads
  // (opening one has what waits sent at once: watch), and a page going away
  // or out of sight sends what it holds (onHide). Each batch costs the
  // page's thread some 0.4 ms however few events it holds, so a page whose
  // requests come in bursts sends one batch for several: in the bench,
  // whose tabs each run a loop of 1,000 requests every 2.4 s, the
  // zero-latency loop's added CPU is +1.74, +1.78 and +1.31 µs a request
  // unwatched against +2.07, +2.00 and +2.17 watched (three runs of
  // `npm run bench`, paired, what each page spends between its turns
  // counted: bench/outside-windows.ts). A one-second delay saved nothing
  // there (+2.12 against +2.06, 61 rounds): still a batch a loop. Five
  // seconds is also what OpenTelemetry's BatchSpanProcessor waits by
  // default. What a crashed renderer loses is at most that much more.
  unwatchedDelayMs: 5000,
  // A sealed batch is sent in a task of its own: sent from the app's own
  // call (an axios step that filled it), it held that request up by the
  // whole batch's cost, some 0.4 ms; in the bench's loop, where an unwatched
  // page fills a batch in its third loop, that was +0.4 µs of wall time a
  // request. A page that records more than `capacity` events in one task
  // (no timer can fire in between) sends them at once, as before.
  sealedDelayMs: 0,
  capacity: 50_000,
  chunkValues: 4096,
  // Encoding events in runs, at the timer or every 2,048, rather than each
  // between two of axios's own steps, cost the zero-latency loop +4.2 and
  // +4.3 µs a request against +4.8 and +6.3 (paired, bench/compare-builds.ts,
  // two runs of 150 rounds), though the copies it keeps are more work: most
  // likely the encoder's code and tables and axios's stop evicting each
  // other from the CPU's caches on every request. Since then most steps
  // skip this (repeatStep), which writes what waits here first.
  writeEvery: 2048,
} as const satisfies Partial<BatcherOptions>;

/**
 * Flushes when the page goes away (pagehide), is frozen (a background tab
 * Chrome may discard without a pagehide), or is hidden or shown again
 * (a hidden tab's timers are throttled, up to a minute).
 */
function flushWhenHidden(flush: () => void): void {
  if (typeof addEventListener === 'function') addEventListener('pagehide', flush, true);
  if (typeof document === 'object' && document !== null) {
    document.addEventListener('freeze', flush, true);
    document.addEventListener('visibilitychange', flush, true);
  }
}

interface Sealed {
  body: string;
  first: number;
  count: number;
}

type Bag = Record<string, unknown>;
type StepInit = Extract<EventInit, { type: 'axios-step' }>;

/**
 * What a kept step object is made from before it holds a step: a time with
 * a fraction, as every step's has, so that the engine stores its times
 * unboxed from the first (a field first seen holding `undefined` would box
 * every time written to it).
 */
const FIRST_STEP: Bag = { type: 'axios-step', t: 0.5 };

/** What BatchWriter reads of an axios step (WIRE_FIELDS), copied field by field into a kept object. */
function keepStep(into: Bag | undefined, e: Bag): Bag {
  if (into === undefined) {
    return {
      type: e.type, t: e.t, id: e.id, instanceId: e.instanceId, step: e.step, method: e.method, url: e.url, attempt: e.attempt,
      replayOf: e.replayOf, token: e.token, headers: e.headers, status: e.status, outcome: e.outcome, errorCode: e.errorCode,
    };
  }
  into.type = e.type;
  into.t = e.t;
  into.id = e.id;
  into.instanceId = e.instanceId;
  into.step = e.step;
  into.method = e.method;
  into.url = e.url;
  into.attempt = e.attempt;
  into.replayOf = e.replayOf;
  into.token = e.token;
  into.headers = e.headers;
  into.status = e.status;
  into.outcome = e.outcome;
  into.errorCode = e.errorCode;
  return into;
}

/**
 * Writes page events into batches (`writeEvery` at a time), and sends them. Sequence
 * numbers are given to dropped events too, so the receiver sees exactly
 * where a gap is.
 */
export class Batcher {
  private writer: BatchWriter;
  /** The records of every batch are written into this one array (see BatchWriter). */
  private readonly records: unknown[] = [];
  /** Likewise the character codes of each batch's runs of packed steps (BodyWriter). */
  private readonly runCodes: number[] = [];
  private writerFirst = 0;
  private sealed: Sealed[] = [];
  /** Events written and not yet sent. */
  private held = 0;
  private seq = 0;
  private dropped = 0;
  private timer: unknown;
  /** The delay `timer` was set for. */
  private timerMs = 0;
  private connected = false;
  private watched = false;
  /** Events pushed and not yet written (writeEvery), and the sequence number of the first. */
  private readonly unwritten: Bag[] = [];
  private unwrittenCount = 0;
  private unwrittenFirst = 0;
  /** One object per slot of `unwritten` for the axios steps copied there, reused batch after batch. */
  private readonly keptSteps: Array<Bag | undefined> = [];
  private readonly writeEvery: number;

  constructor(private readonly options: BatcherOptions) {
    this.writer = new BatchWriter(options.origin, this.records, options.chunkValues, this.runCodes);
    this.writeEvery = Math.max(1, options.writeEvery ?? 1);
    (options.onHide ?? flushWhenHidden)(() => this.flush());
  }

  /**
   * The object the page script writes its next axios step into, then
   * pushes: the one kept for the slot the step will take, so that push
   * keeps it as it is rather than copying it. Its fields are the last
   * step's: the caller writes every one.
   */
  nextStep(): StepInit {
    const slot = this.unwrittenCount;
    const kept = this.keptSteps[slot];
    return (kept ?? (this.keptSteps[slot] = keepStep(undefined, FIRST_STEP))) as unknown as StepInit;
  }

  push(event: EventInit): void {
    const seq = this.seq++;
    if (this.held >= this.options.capacity) {
      this.dropped++;
      return;
    }
    this.held++;
    // Drops happen only while the batcher is full, and a flush writes
    // everything first: the unwritten events' numbers run on without a gap.
    if (this.unwrittenCount === 0) this.unwrittenFirst = seq;
    const slot = this.unwrittenCount++;
    const e = event as unknown as Bag;
    const kept = this.keptSteps[slot];
    // A step written into this slot's object (nextStep) is kept as it is.
    this.unwritten[slot] = e === kept || e.type !== 'axios-step' ? e : (this.keptSteps[slot] = keepStep(kept, e));
    if (this.unwrittenCount >= this.writeEvery) this.writeUnwritten();
    this.sendSoon();
  }

  /**
   * An axios step recorded with no event object, when the batch can hold it
   * as one packed number (BatchWriter.repeat: like the last step of its
   * kind, the usual step of a loop of like calls). False: nothing was
   * recorded, not even a sequence number; push the step as an event.
   */
  repeatStep(index: number, t: number, id: string, n: number, instanceId: string, a: unknown, b: unknown, c: unknown, d: unknown): boolean {
    // A full batcher counts the drop in push.
    if (this.held >= this.options.capacity) return false;
    // In order: what was pushed before this step is written before it.
    if (this.unwrittenCount > 0) this.writeUnwritten();
    const writer = this.writer;
    if (!writer.repeat(index, t, id, n, instanceId, a, b, c, d)) return false;
    // Not the batch's first event: a packed step follows a step of its own batch.
    this.seq++;
    this.held++;
    this.sealIfFull(writer);
    this.sendSoon();
    return true;
  }

  /** After an event is recorded: send what is sealed, or start the timer. */
  private sendSoon(): void {
    if (!this.connected) return;
    if (this.sealed.length > 0) {
      const { sealedDelayMs, maxEvents, capacity } = this.options;
      if (sealedDelayMs === undefined || this.held + maxEvents > capacity) return this.flush();
      this.startTimer(sealedDelayMs);
    }
    // A running timer fires as soon as this one would: watch(true) flushes, which clears a slower one.
    else if (this.timer === undefined) this.startTimer(this.watched ? this.options.maxDelayMs : (this.options.unwatchedDelayMs ?? this.options.maxDelayMs));
  }

  /** Starts the timer for `ms`, unless one that fires as soon is running. */
  private startTimer(ms: number): void {
    if (this.timer !== undefined) {
      if (this.timerMs <= ms) return;
      this.options.clearTimer(this.timer);
    }
    this.timerMs = ms;
    this.timer = this.options.setTimer(this.timerFired, ms);
  }

  /**
   * Whether a panel watches the tab. One that starts watching gets what is
   * held at once, not when the slower timer would have sent it; a timer
   * already running keeps its time.
   */
  watch(watched: boolean): void {
    if (watched === this.watched) return;
    this.watched = watched;
    if (watched) this.flush();
  }

  /** The timer's own callback: a timer that has fired needs no clearing (a call into the page's timer list, once a batch). */
  private readonly timerFired = (): void => {
    this.timer = undefined;
    this.flush();
  }

  /** Start sending; everything held so far goes out at once. */
  connect(): void {
    this.connected = true;
    this.flush();
  }

  private writeOne(event: Bag, seq: number): void {
    const writer = this.writer;
    if (writer.count === 0) this.writerFirst = seq;
    writer.write(event);
    this.sealIfFull(writer);
  }

  private sealIfFull(writer: BatchWriter): void {
    if (writer.count >= this.options.maxEvents || writer.bytes >= this.options.maxBytes) this.seal();
  }

  private writeUnwritten(): void {
    const n = this.unwrittenCount;
    const first = this.unwrittenFirst;
    const unwritten = this.unwritten;
    this.unwrittenCount = 0;
    for (let i = 0; i < n; i++) {
      this.writeOne(unwritten[i], first + i);
      // A kept step stays for its slot; an event of the page's is let go.
      unwritten[i] = undefined as unknown as Bag;
    }
  }

  flush(): void {
    if (this.timer !== undefined) {
      this.options.clearTimer(this.timer);
      this.timer = undefined;
    }
    if (!this.connected) return;
    this.writeUnwritten();
    if (this.writer.count > 0) this.seal();
    const batches = this.sealed;
    const dropped = this.dropped;
    this.sealed = [];
    this.held = 0;
    this.dropped = 0;
    // Drops happen only while the batcher is full, so their sequence numbers
    // follow the last held event: they go with the last batch, and the
    // receiver knows exactly which numbers they took.
    for (let i = 0; i < batches.length; i++) {
      const { body, first, count } = batches[i];
      this.options.send(body, first, count, i === batches.length - 1 ? dropped : 0);
    }
    if (batches.length === 0 && dropped > 0) this.options.send(undefined, this.seq - dropped, 0, dropped);
  }

  get pending(): number {
    return this.held;
  }

  private seal(): void {
    // Stringified now: the next batch's writer overwrites the same records array.
    this.sealed[this.sealed.length] = { body: this.writer.body(), first: this.writerFirst, count: this.writer.count };
    this.writer = new BatchWriter(this.options.origin, this.records, this.options.chunkValues, this.runCodes);
  }
}
