/**
 * Page side of wire-format.ts: which layout each event is written in, and
 * what the writer keeps of the events before it to choose one. Runs on the
 * app's thread, so it is plain loops, no closures per event; the body it
 * writes into is wire-body.ts.
 */
import type { AxiosStepEvent, Headers, PageEvent, PageEventType, TokenRef } from './events';
import { BodyWriter, type BatchData } from './wire-body';
import { callNumber, PACKED_SETTLE, packedValue, SETTLE_AS_BEFORE_CODE, STEP_AGAIN_CODE, STEP_LAYOUTS, WIRE_FIELDS, WIRE_TYPES, type StepName, type WireField } from './wire-format';
import { apply, OwnMap } from './intrinsics';

export type { BatchData };

type Bag = Record<string, unknown>;

const TYPE_CODE = new OwnMap(WIRE_TYPES.map((type, i) => [type, i]));
const STEP_TYPE = TYPE_CODE.get('axios-step')!;
const FIRST_STEP_CODE = WIRE_TYPES.length;
const [ENTER, DISPATCH, TRANSPORT_END, SETTLE] = STEP_LAYOUTS.map(([step]) => step);
/**
 * A step's position in STEP_LAYOUTS (−1 for none), which is also its kind in
 * againKind below 3. Compared, not looked up: a lookup by a computed key
 * costs a hash probe per event.
 */
const stepIndex = (step: unknown) => (step === ENTER ? 0 : step === DISPATCH ? 1 : step === TRANSPORT_END ? 2 : step === SETTLE ? 3 : -1);
/** The same step's layout without the call's ids (wire-format.ts). */
const CONTINUED = STEP_LAYOUTS.length;
/** Which steps a STEPS_AGAIN layout can repeat (wire-format.ts): their offset from STEP_AGAIN_CODE, also their packed kind; undefined for the rest. */
const againKind = (index: number) => (index >= 0 && index < 3 ? index : undefined);

/** The last step of one kind written: its instance and its four fields as the event held them (equal values, equal table indices). */
interface StepValues {
  instanceId: unknown;
  a: unknown;
  b: unknown;
  c: unknown;
  d: unknown;
}
const FIELDS = WIRE_TYPES.map((type) => WIRE_FIELDS[type]);
// Taken when the page script starts, before any page script could replace them.
const { round } = Math;
const { stringify } = JSON;
const { indexOf: arrayIndexOf } = Array.prototype;

/** Time deltas a packed step carries (µs; far more than a page's lifetime, far less than what would not pack into a safe integer). */
const PACKABLE_US = 2 ** 40;

export class BatchWriter extends BodyWriter {
  /**
   * The previous event of each type, for 'same' fields: its values, not the
   * object, which the page script reuses for every axios step it writes.
   */
  private readonly previous: Array<Bag | undefined> = [];
  /** The last enter, dispatch and adapter's end written, by againKind; one object each, rewritten. */
  private readonly lastSteps: Array<StepValues | undefined> = [undefined, undefined, undefined];
  /** The call id of the last enter written, as written (−n), when it is a number: a packed enter is the call after it. */
  private lastEnterId: number | undefined;
  /** Events written. */
  count = 0;

  // Spelled out: the implicit constructor of a subclass spreads its
  // arguments through the array iterator, which a page may have replaced.
  // What is not given stays undefined, and BodyWriter's defaults apply.
  constructor(origin: number, flat?: unknown[], chunkValues?: number, runCodes?: number[]) {
    super(origin, flat, chunkValues, runCodes);
  }

  write(event: Bag): void {
    this.count++;
    if (event.type === 'axios-step') {
      const step = event as unknown as AxiosStepEvent;
      if (this.stepFits(step)) this.step(step, step.step);
      else this.generic(event);
    } else this.generic(event);
    if (this.n >= this.chunkValues) this.stringifyChunk();
  }

  /** For tests: a record as it is, counted as an event. */
  writeRecord(record: readonly unknown[]): void {
    this.closeRun();
    this.count++;
    this.put(record.length);
    for (const value of record) this.put(value);
  }

  /**
   * Whether a step carries only what its step's layout holds (what the page
   * script writes); anything else goes in the type's layout. Read field by
   * field: listing the event's keys would cost an array per event.
   */
  private stepFits(e: AxiosStepEvent): boolean {
    if (e.step === 'enter') return e.token === undefined && e.headers === undefined && e.status === undefined && e.outcome === undefined && e.errorCode === undefined;
    if (e.step === 'dispatch') return e.attempt === undefined && e.replayOf === undefined && e.status === undefined && e.outcome === undefined && e.errorCode === undefined;
    return (
      (e.step === 'transport-end' || e.step === 'settle') &&
      e.method === undefined && e.url === undefined && e.attempt === undefined && e.replayOf === undefined && e.token === undefined && e.headers === undefined
    );
  }

  /**
   * An axios step in its step's layout, fields written by name: reading them
   * by a computed name is slow. Trailing absent fields are not written.
   */
  private step(event: AxiosStepEvent, step: StepName): void {
    const index = stepIndex(step);
    // The fields after the ids, as the event holds them (see repeat).
    let a: unknown;
    let b: unknown;
    let c: unknown;
    let d: unknown;
    if (index === 0) {
      a = event.method;
      b = event.url;
      c = event.attempt;
      d = event.replayOf;
    } else if (index === 1) {
      a = event.token;
      b = event.headers;
      c = event.method;
      d = event.url;
    } else {
      a = event.status;
      b = event.outcome;
      c = event.errorCode;
    }
    const n = index === 0 ? (callNumber(event.id) ?? 0) : 0;
    if (this.packedStep(index, event.t, event.id, n, event.instanceId, a, b, c, d)) return;
    this.closeRun();
    const previous = this.previous[STEP_TYPE] as AxiosStepEvent | undefined;
    const flat = this.flat;
    const sameId = previous !== undefined && previous.id === event.id;
    const sameInstance = previous !== undefined && previous.instanceId === event.instanceId;
    const continued = sameId && sameInstance;
    if (continued && index === 3 && previous.status === a && previous.outcome === b && previous.errorCode === c) {
      // Like the step before it, with a time too far from it to pack.
      this.rememberStep(event);
      let at = this.n;
      flat[at++] = 2;
      flat[at++] = SETTLE_AS_BEFORE_CODE;
      flat[at++] = this.time(event.t);
      this.n = at;
      this.recordBytes += 48;
      return;
    }
    const id = sameId ? 0 : n > 0 ? -n : this.callId(event.id);
    this.rememberStep(event);
    const dt = this.time(event.t);
    const kind = againKind(index);
    if (kind === 0) this.lastEnterId = typeof id === 'number' && id !== 0 ? id : undefined;
    if (kind !== undefined && this.again(kind, event.instanceId, continued, a, b, c, d)) {
      // Like the last of its kind, but not packed (packedStep): an enter not of the call after the last one, or a time that does not pack.
      let at = this.n;
      flat[at++] = kind === 0 ? 3 : 2;
      flat[at++] = STEP_AGAIN_CODE + kind;
      flat[at++] = dt;
      if (kind === 0) flat[at++] = id;
      this.n = at;
      this.recordBytes += 72;
      return;
    }
    const tables = this.tables;
    if (index === 0) {
      a = tables.text(a);
      b = tables.text(b);
      c = c ?? null;
      d = tables.plain(d);
    } else if (index === 1) {
      a = a === undefined ? null : tables.token(a as TokenRef);
      b = b === undefined ? null : tables.headers(b as Headers);
      c = tables.text(c);
      d = tables.text(d);
    } else {
      a = a ?? null;
      b = b === undefined ? null : b === 'response' ? 0 : b === 'error' ? 1 : b;
      c = tables.text(c);
      d = null;
    }
    const fields = d !== null ? 4 : c !== null ? 3 : b !== null ? 2 : a !== null ? 1 : 0;
    let at = this.n;
    if (continued) {
      flat[at++] = 2 + fields;
      flat[at++] = FIRST_STEP_CODE + index + CONTINUED;
      flat[at++] = dt;
    } else {
      flat[at++] = 4 + fields;
      flat[at++] = FIRST_STEP_CODE + index;
      flat[at++] = dt;
      flat[at++] = id;
      flat[at++] = sameInstance ? 0 : tables.plain(event.instanceId);
    }
    if (fields > 0) flat[at++] = a;
    if (fields > 1) flat[at++] = b;
    if (fields > 2) flat[at++] = c;
    if (fields > 3) flat[at++] = d;
    this.n = at;
    this.recordBytes += 48 + fields * 24;
  }

  /**
   * Writes an axios step the page script knows the fields of, as one packed
   * number, when the format lets it (else nothing, and false): the usual
   * step of a loop of like calls, written with no event object and no
   * table looked at (the batcher's repeatStep). `index`: the step's place in
   * STEP_LAYOUTS; `n`: the call's number when its id is CALL_ID_PREFIX + n,
   * else 0; a..d: the fields of its layout after the ids, as an event would
   * hold them (an enter's method, URL, attempt, replayOf; a dispatch's
   * token, headers, method, URL; an adapter's end's or a settle's status,
   * outcome, errorCode).
   */
  repeat(index: number, t: number, id: string, n: number, instanceId: string, a: unknown, b: unknown, c: unknown, d: unknown): boolean {
    if (!this.packedStep(index, t, id, n, instanceId, a, b, c, d)) return false;
    this.count++;
    if (this.n >= this.chunkValues) this.stringifyChunk();
    return true;
  }

  /**
   * A packed step (wire-format.ts, packStep) is like the last step of its
   * kind in the batch (STEPS_AGAIN: an enter of the same instance and of
   * the call after the last enter's; a dispatch or an adapter's end of the
   * same call as the step before it), or a settle like the step before it,
   * of the same call. Compared by value as the fields come, before any table
   * is looked at: equal values have equal indices.
   */
  private packedStep(index: number, t: number, id: unknown, n: number, instanceId: unknown, a: unknown, b: unknown, c: unknown, d: unknown): boolean {
    const previous = this.previous[STEP_TYPE];
    if (previous === undefined) return false;
    const continued = previous.id === id && previous.instanceId === instanceId;
    let last: StepValues | undefined;
    if (index === 3) {
      if (!continued || previous.status !== a || previous.outcome !== b || previous.errorCode !== c) return false;
    } else {
      if (index < 0) return false;
      last = this.lastSteps[index];
      if (last === undefined || last.a !== a || last.b !== b || last.c !== c || last.d !== d) return false;
      if (index === 0 ? last.instanceId !== instanceId || n === 0 || this.lastEnterId === undefined || -n !== this.lastEnterId - 1 : !continued) return false;
    }
    const us = round((t - this.origin) * 1000);
    const dt = us - this.lastUs;
    if (dt >= PACKABLE_US || dt <= -PACKABLE_US) return false;
    this.lastUs = us;
    // A dispatch or an adapter's end may be of another instance's call than the last of its kind.
    if (last !== undefined && last.instanceId !== instanceId) last.instanceId = instanceId;
    if (index === 0) this.lastEnterId = -n;
    if (index < 2) this.remember(id, instanceId, undefined, undefined, undefined);
    else this.remember(id, instanceId, a, b, c);
    this.runStep(packedValue(last === undefined ? PACKED_SETTLE : index, dt));
    return true;
  }

  /**
   * Whether a step of `kind` may be written as one of STEPS_AGAIN: like the
   * last one of its kind (an enter: of the same instance; a dispatch or an
   * adapter's end: of the same call as the step before it, too), its fields
   * compared as they come. Remembers this one as the last of its kind either way.
   */
  private again(kind: number, instanceId: unknown, continued: boolean, a: unknown, b: unknown, c: unknown, d: unknown): boolean {
    const last = this.lastSteps[kind];
    if (last === undefined) {
      this.lastSteps[kind] = { instanceId, a, b, c, d };
      return false;
    }
    if ((kind === 0 ? last.instanceId === instanceId : continued) && last.a === a && last.b === b && last.c === c && last.d === d) {
      if (last.instanceId !== instanceId) last.instanceId = instanceId;
      return true;
    }
    last.instanceId = instanceId;
    last.a = a;
    last.b = b;
    last.c = c;
    last.d = d;
    return false;
  }

  /** The fields of a step that later steps may say are the 'same' (one object, rewritten, allocated once a batch). */
  private rememberStep(event: AxiosStepEvent): void {
    this.remember(event.id, event.instanceId, event.status, event.outcome, event.errorCode);
  }

  private remember(id: unknown, instanceId: unknown, status: unknown, outcome: unknown, errorCode: unknown): void {
    const kept = (this.previous[STEP_TYPE] ??= { id: undefined, instanceId: undefined, status: undefined, outcome: undefined, errorCode: undefined });
    // Stored only when they changed: a call's id is a new string (young) and
    // `kept` lives through the batch, so every store of it takes the engine's
    // write barrier out of line, and the three steps after an enter repeat it.
    if (kept.id !== id) kept.id = id;
    if (kept.instanceId !== instanceId) kept.instanceId = instanceId;
    kept.status = status;
    kept.outcome = outcome;
    kept.errorCode = errorCode;
  }

  private generic(event: Bag): void {
    this.closeRun();
    const code = TYPE_CODE.get(event.type as PageEventType);
    if (code === undefined) {
      // A type the format does not know goes as its name, for the background to refuse.
      this.put(2);
      this.put(this.tables.plain(String(event.type)));
      this.put(0);
      return;
    }
    const at = this.n;
    this.put(0);
    this.put(code);
    this.put(this.time(event.t as number));
    const fields: readonly WireField[] = FIELDS[code];
    const previous = this.previous[code];
    for (let f = 0; f < fields.length; f++) {
      const kind = fields[f][1];
      const value = event[fields[f][0]];
      if (value === undefined) this.put(null);
      else if (kind === 'plain') this.put(this.tables.plain(value));
      else if (kind === 'text') this.put(this.tables.text(value));
      else if (kind === 'same') this.put(previous !== undefined && previous[fields[f][0]] === value ? 0 : this.tables.plain(value));
      else if (kind === 'token') this.put(this.tables.token(value as TokenRef));
      else if (kind === 'headers') this.put(this.tables.headers(value as Headers));
      else {
        const i = apply(arrayIndexOf, kind, [value]) as number;
        // A value the format does not know goes as itself, for the background to refuse.
        this.put(i < 0 ? this.tables.plain(value) : i);
      }
    }
    // Kept after writing: a step's kept values are one object, rewritten in place.
    if (code === STEP_TYPE) {
      this.rememberStep(event as unknown as AxiosStepEvent);
      // The reader now holds this one as the last of its kind: no later step may repeat an older one.
      const kind = againKind(stepIndex(event.step));
      if (kind !== undefined) this.lastSteps[kind] = undefined;
      if (kind === 0) this.lastEnterId = undefined;
    }
    else this.previous[code] = { ...event };
    this.seal(at);
  }

  /** A call id CALL_ID_PREFIX + n as −n, with no quotes to escape when the bridge posts the body (wire-format.ts); anything else as itself. */
  private callId(value: unknown): unknown {
    const n = callNumber(value);
    return n === undefined ? this.tables.plain(value) : -n;
  }
}

/** One batch body, as data; `origin` is the time the event times count from. */
export function encodeBatchData(events: readonly PageEvent[], origin: number): BatchData {
  const writer = new BatchWriter(origin);
  for (let n = 0; n < events.length; n++) writer.write(events[n] as unknown as Bag);
  return writer.data();
}

/** One batch body, as the page sends it. */
export function encodeBatchBody(events: readonly PageEvent[], origin: number): string {
  return stringify(encodeBatchData(events, origin));
}
