/** Background side of wire-format.ts: what a bridge forwards is decoded and checked here, off the app's thread. */
import type { PageEvent } from './events';
import { isPageEvent } from './validate';
import { runSteps } from './wire-runs';
import { CALL_ID_PREFIX, callNumber, PACKED_SETTLE, SETTLE_AS_BEFORE_CODE, STEP_AGAIN_CODE, unpackStep, WIRE_LAYOUTS } from './wire-format';

export interface DecodedBatch {
  /** Every event that decoded and passed the protocol's checks, numbered from `first`. */
  events: PageEvent[];
  /** Events that did not: never stored, counted. */
  malformed: number;
}

type Bag = Record<string, unknown>;

const isRecord = (x: unknown): x is Bag => typeof x === 'object' && x !== null && !Array.isArray(x);
const isIndex = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isNegativeInteger = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) < 0;
/** −n in an id field: the call id CALL_ID_PREFIX + n (wire-format.ts). */
const isCallNumber = isNegativeInteger;
/** A negative number where a record's length would be: a packed step (wire-format.ts, packStep). */
const isPackedStep = isNegativeInteger;

/**
 * Reads one batch body; never throws. `count` is what the header said: a body
 * that does not hold exactly that many events is refused whole.
 */
export function decodeBatchBody(body: unknown, first: number, count: number): DecodedBatch {
  const refused = { events: [], malformed: count };
  if (typeof body !== 'string') return refused;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return refused;
  }
  return decodeBatchData(data, first, count);
}

/**
 * The records of a body: the flat `f` cut at each record's length (a packed
 * step stays the one number it is; a run of them, wire-runs.ts, becomes
 * those numbers), or the nested `e` of earlier versions.
 */
function recordsOf(data: Bag): unknown[] | undefined {
  if (Array.isArray(data.e)) return data.e;
  const flat = data.f;
  if (!Array.isArray(flat)) return undefined;
  const records: unknown[] = [];
  for (let i = 0; i < flat.length; ) {
    const n = flat[i];
    if (isPackedStep(n)) {
      records.push(n);
      i++;
      continue;
    }
    if (typeof n === 'string') {
      const steps = runSteps(n);
      if (steps === undefined) return undefined;
      for (const step of steps) records.push(step);
      i++;
      continue;
    }
    if (!isIndex(n) || i + 1 + n > flat.length) return undefined;
    records.push(flat.slice(i + 1, i + 1 + n));
    i += 1 + n;
  }
  return records;
}

/** decodeBatchBody for a body already parsed. */
export function decodeBatchData(data: unknown, first: number, count: number): DecodedBatch {
  const refused = { events: [], malformed: count };
  if (!isRecord(data) || typeof data.o !== 'number' || !Number.isFinite(data.o) || !Array.isArray(data.k)) return refused;
  const strings = data.s ?? [];
  const headerSets = data.h ?? [];
  if (!Array.isArray(strings) || !Array.isArray(headerSets)) return refused;
  const records = recordsOf(data);
  if (records === undefined || records.length !== count) return refused;
  const reader = new BatchReader(data.o, data.k, strings, headerSets);
  const events: PageEvent[] = [];
  let malformed = 0;
  for (let n = 0; n < count; n++) {
    const event = reader.read(records[n], first + n);
    if (event && isPageEvent(event)) events.push(event);
    else malformed++;
  }
  return { events, malformed };
}

class BatchReader {
  private us = 0;
  private readonly previous = new Map<string, Bag>();
  /** The previous axios step of each kind, for layouts with `again`. */
  private readonly previousStep = new Map<string, Bag>();
  /** Header sets read so far, by index (null: one that cannot be read). */
  private readonly readSets: Array<Bag | null> = [];

  constructor(
    private readonly origin: number,
    private readonly tokens: unknown[],
    private readonly strings: unknown[],
    private readonly headerSets: unknown[],
  ) {}

  /** One event, or undefined when the record cannot be one; the protocol's checks come after. */
  read(packedOrRecord: unknown, seq: number): Bag | undefined {
    const record = typeof packedOrRecord === 'number' ? this.unpacked(packedOrRecord) : packedOrRecord;
    if (!Array.isArray(record) || record.length < 2) return undefined;
    const code = record[0];
    const layout = isIndex(code) ? WIRE_LAYOUTS[code] : undefined;
    // Times are relative to the previous event's: one that cannot be read spoils the rest of the batch's times.
    if (layout === undefined || !Number.isSafeInteger(record[1])) return undefined;
    this.us += record[1] as number;
    const { type, fields, fixed, continued, again } = layout;
    if (record.length > fields.length + 2) return undefined;
    const previous = this.previous.get(type);
    // Assigned by name: the names are the layout's own, never "__proto__"
    // (a header name, which the page chooses, goes through fromEntries).
    const event: Bag = { type, seq, t: this.origin + this.us / 1000 };
    if (fixed) event[fixed.name] = fixed.value;
    if (continued) {
      if (previous === undefined) return undefined;
      for (const name of continued) if (previous[name] !== undefined) event[name] = previous[name];
    }
    if (again && fixed) {
      const before = this.previousStep.get(fixed.value);
      if (before === undefined) return undefined;
      for (const name of again) if (before[name] !== undefined) event[name] = before[name];
    }
    for (let f = 0; f < record.length - 2; f++) {
      const value = record[f + 2];
      if (value === null) continue;
      const [name, kind] = fields[f];
      if (kind === 'plain') event[name] = value;
      else if (kind === 'text') {
        const text = typeof value === 'number' ? this.text(value) : value;
        if (text === undefined) return undefined;
        event[name] = text;
      } else if (kind === 'same') event[name] = value === 0 ? previous?.[name] : name === 'id' && isCallNumber(value) ? `${CALL_ID_PREFIX}${-value}` : value;
      else if (kind === 'token') {
        const token = this.token(value);
        if (token === undefined) return undefined;
        event[name] = token;
      } else if (kind === 'headers') {
        const headers = typeof value === 'number' ? this.headerSet(value) : this.headersOf(value);
        if (headers === undefined) return undefined;
        event[name] = headers;
      } else event[name] = isIndex(value) ? kind[value] : value;
    }
    this.previous.set(type, event);
    if (type === 'axios-step' && typeof event.step === 'string') this.previousStep.set(event.step, event);
    return event;
  }

  /** The record a packed step stands for (wire-format.ts); undefined when it cannot be one. */
  private unpacked(value: number): unknown[] | undefined {
    const packed = unpackStep(value);
    if (packed === undefined) return undefined;
    const { kind, dt } = packed;
    if (kind === PACKED_SETTLE) return [SETTLE_AS_BEFORE_CODE, dt];
    if (kind !== 0) return [STEP_AGAIN_CODE + kind, dt];
    const before = callNumber(this.previousStep.get('enter')?.id);
    return before === undefined ? undefined : [STEP_AGAIN_CODE, dt, -(before + 1)];
  }

  /** A set of headers as the page wrote it (names to values, a number being a token); own properties only. */
  private headersOf(value: unknown): Bag | undefined {
    if (!isRecord(value)) return undefined;
    const pairs = Object.entries(value).map(([k, v]) => [k, typeof v === 'number' ? this.token(v) : v] as const);
    if (pairs.some(([, v]) => v === undefined)) return undefined;
    return Object.fromEntries(pairs);
  }

  /** One of the batch's header sets, read once however many events name it (they share the object). */
  private headerSet(i: number): Bag | undefined {
    if (!isIndex(i) || i >= this.headerSets.length) return undefined;
    let set = this.readSets[i];
    if (set === undefined) set = this.readSets[i] = this.headersOf(this.headerSets[i]) ?? null;
    return set ?? undefined;
  }

  /** The token a record points at; undefined when it points nowhere. */
  private token(i: unknown): unknown {
    return isIndex(i) && i < this.tokens.length ? this.tokens[i] : undefined;
  }

  /** The string a text field points at; undefined when it points nowhere. */
  private text(i: number): unknown {
    const text = isIndex(i) && i < this.strings.length ? this.strings[i] : undefined;
    return typeof text === 'string' ? text : undefined;
  }
}
