/**
 * The body a batch writer fills (wire-format.ts), apart from which layout an
 * event takes (wire-encode.ts): events are written as they happen, into one
 * flat array of numbers and shared strings, so a batch that waits for its
 * timer holds no event objects and becomes its JSON body in one stringify.
 * The layouts are a subclass rather than a caller: they write into `flat` on
 * every event, and reaching it through another object would cost a load
 * per value on the app's thread. Only what they write is protected; the
 * open run and the chunks are this class's own.
 */
import { apply } from './intrinsics';
import { MAX_RUN_CHARS, RUN_DIGIT_CODES, writeLongRunValue } from './wire-runs';
import type { TokenRef } from './events';
import { BatchTables } from './wire-tables';

// Taken when the page script starts, before any page script could replace them.
const { round } = Math;
const { stringify } = JSON;
const { fromCharCode } = String;
const { join: arrayJoin, slice: arraySlice } = Array.prototype;
const { slice: stringSlice } = String.prototype;

/** A batch body before it is written as JSON. */
export interface BatchData {
  o: number;
  k: TokenRef[];
  s: string[];
  h: Array<Record<string, string | number>>;
  f: unknown[];
}

export abstract class BodyWriter {
  protected readonly tables = new BatchTables();
  /** Values of `flat` written: the array may be longer, left over from the batch before (see the constructor). */
  protected n = 0;
  protected lastUs = 0;
  /** An upper bound of what the records add to the body's length (the tables count theirs). */
  protected recordBytes = 64;
  /** The slot of `flat` the open run of packed steps will fill (−1: none open), and its character codes so far (wire-runs.ts). */
  private runAt = -1;
  private runLength = 0;

  /** An upper bound of the body's length. */
  get bytes(): number {
    return this.recordBytes + this.tables.bytes;
  }

  /**
   * `origin`: the time event times count from (the page's performance.timeOrigin).
   * `flat`: the array to write the records into, overwritten from the start:
   * the batcher hands each batch's writer the same one, once the batch before
   * is stringified, so that the page does not grow a new array of some
   * thousand values (copying it as it grows) for every batch.
   */
  constructor(
    protected readonly origin: number,
    protected readonly flat: unknown[] = [],
    /**
     * Stringify the records every this many values, into `parts`, and write
     * on from the start of `flat`: a page's batch then keeps a few thousand
     * values in an array that stays in the CPU's cache, instead of growing
     * one of some 20,000 through it. Only body() reads the parts.
     */
    protected readonly chunkValues = Infinity,
    /**
     * Where the open run's character codes go, from the start: the batcher
     * hands each batch's writer the same one. A run grows to MAX_RUN_CHARS
     * codes, and an array grown afresh for every batch was copied at each
     * step of its growth, and the copies outlived the page's young
     * collections (a sampled heap profile of the zero-latency loop showed
     * them as the largest of the page script's allocations to outlive one).
     */
    private readonly runCodes: number[] = [],
  ) {}

  /** The records stringified so far, each without its brackets. */
  private readonly parts: string[] = [];

  protected stringifyChunk(): void {
    const text = stringify(this.records());
    const parts = this.parts;
    parts[parts.length] = apply(stringSlice, text, [1, text.length - 1]) as string;
    this.n = 0;
  }

  /** The batch as data; not for a writer that stringifies in chunks (see body()). */
  data(): BatchData {
    if (this.parts.length > 0) throw new Error('data() of a writer that has stringified chunks');
    return this.withTables(this.records());
  }

  /** The records written since the last chunk: `flat` cut to them (it may hold more, left over). */
  private records(): unknown[] {
    this.closeRun();
    if (this.flat.length !== this.n) this.flat.length = this.n;
    return this.flat;
  }

  private withTables(f: unknown[]): BatchData {
    const { tokens, strings, headerSets } = this.tables;
    return { o: this.origin, k: tokens, s: strings, h: headerSets, f };
  }

  protected put(value: unknown): void {
    this.flat[this.n++] = value;
  }

  body(): string {
    if (this.parts.length === 0) return stringify(this.data());
    if (this.n > 0) this.stringifyChunk();
    // The same JSON as stringify(data()) would give: the tables, then the records, last.
    const head = stringify(this.withTables([]));
    return `${apply(stringSlice, head, [0, head.length - 2])}${apply(arrayJoin, this.parts, [','])}]}`;
  }

  protected time(t: number): number {
    const us = round((t - this.origin) * 1000);
    const delta = us - this.lastUs;
    this.lastUs = us;
    return delta;
  }

  /** Adds a packed step (its packedValue) to the open run, opening one in the next slot of `flat` if none is. */
  protected runStep(v: number): void {
    if (this.runAt < 0) {
      this.runAt = this.n++;
      this.runLength = 0;
      // The run's quotes and the comma after it.
      this.recordBytes += 3;
    }
    const codes = this.runCodes;
    let at = this.runLength;
    if (v < RUN_DIGIT_CODES.length) codes[at++] = RUN_DIGIT_CODES[v];
    else at = writeLongRunValue(codes, at, v);
    this.recordBytes += at - this.runLength;
    this.runLength = at;
    if (at >= MAX_RUN_CHARS) this.closeRun();
  }

  /** Writes the open run into its slot, as text: before any other record, and before the records are read. */
  protected closeRun(): void {
    const at = this.runAt;
    if (at < 0) return;
    this.runAt = -1;
    const codes = this.runCodes;
    const n = this.runLength;
    // Cut by a copy, which dies at once: shortening the array itself would give up what it has grown to.
    this.flat[at] = apply(fromCharCode, undefined, n === codes.length ? codes : apply(arraySlice, codes, [0, n]));
  }

  /** Trims trailing nulls of the record that starts at `at`, and writes its length there. */
  protected seal(at: number): void {
    const flat = this.flat;
    let end = this.n;
    while (flat[end - 1] === null) end--;
    this.n = end;
    flat[at] = end - at - 1;
    this.recordBytes += (end - at) * 24;
  }
}
