/** Page side of wire-format.ts: runs on the app's thread, so it is plain loops, no closures per event. */
import type { AxiosStepEvent, Headers, PageEvent, PageEventType, TokenRef } from './events';
import { WIRE_FIELDS, WIRE_TYPES, type WireField } from './wire-format';

type Bag = Record<string, unknown>;

const TYPE_CODE = new Map(WIRE_TYPES.map((type, i) => [type, i]));
const STEP_CODE = TYPE_CODE.get('axios-step')!;
const enumCodes = (type: PageEventType, field: string): Record<string, number> => {
  const values = WIRE_FIELDS[type].find(([name]) => name === field)![1] as readonly string[];
  return Object.fromEntries(values.map((value, i) => [value, i]));
};
const STEPS = enumCodes('axios-step', 'step');
const OUTCOMES = enumCodes('axios-step', 'outcome');
const FIELDS = WIRE_TYPES.map((type) => WIRE_FIELDS[type]);
// Taken when the page script starts, before any page script could replace them.
const { round } = Math;
const { keys } = Object;
const { stringify } = JSON;
const { indexOf: arrayIndexOf } = Array.prototype;

class BatchWriter {
  readonly tokens: TokenRef[] = [];
  private readonly tokenIndex = new Map<unknown, number>();
  /** The previous event of each type code, for 'same' fields. */
  private readonly previous: Array<Bag | undefined> = [];
  private lastUs = 0;

  constructor(private readonly origin: number) {}

  record(event: Bag): unknown[] {
    return event.type === 'axios-step' ? this.step(event as unknown as AxiosStepEvent) : this.generic(event);
  }

  /**
   * axios-step, four per request, written with its fields named: reading
   * fields by a computed name is what made the generic path slow. Field
   * order as in WIRE_FIELDS (the round-trip tests hold the two together).
   */
  private step(event: AxiosStepEvent): unknown[] {
    const us = round((event.t - this.origin) * 1000);
    const previous = this.previous[STEP_CODE] as AxiosStepEvent | undefined;
    this.previous[STEP_CODE] = event as unknown as Bag;
    const same = previous !== undefined && previous.id === event.id;
    const record: unknown[] = [
      STEP_CODE,
      us - this.lastUs,
      same ? 0 : event.id,
      previous !== undefined && previous.instanceId === event.instanceId ? 0 : event.instanceId,
      STEPS[event.step] ?? event.step,
      event.status ?? null,
      event.outcome === undefined ? null : OUTCOMES[event.outcome] ?? event.outcome,
      event.method ?? null,
      event.url ?? null,
      event.attempt ?? null,
      event.replayOf ?? null,
      event.token === undefined ? null : this.token(event.token),
      event.headers === undefined ? null : this.headers(event.headers),
      event.errorCode ?? null,
    ];
    this.lastUs = us;
    let length = record.length;
    while (record[length - 1] === null) length--;
    record.length = length;
    return record;
  }

  private generic(event: Bag): unknown[] {
    const code = TYPE_CODE.get(event.type as PageEventType)!;
    const us = round(((event.t as number) - this.origin) * 1000);
    const record: unknown[] = [code, us - this.lastUs];
    this.lastUs = us;
    const fields: readonly WireField[] = FIELDS[code];
    const previous = this.previous[code];
    this.previous[code] = event;
    let length = 2;
    for (let f = 0; f < fields.length; f++) {
      const kind = fields[f][1];
      const value = event[fields[f][0]];
      if (value === undefined) {
        record.push(null);
        continue;
      }
      if (kind === 'plain') record.push(value);
      else if (kind === 'same') record.push(previous !== undefined && previous[fields[f][0]] === value ? 0 : value);
      else if (kind === 'token') record.push(this.token(value as TokenRef));
      else if (kind === 'headers') record.push(this.headers(value as Headers));
      else {
        const i = Reflect.apply(arrayIndexOf, kind, [value]) as number;
        // A value the format does not know goes as itself, for the background to refuse.
        record.push(i < 0 ? value : i);
      }
      length = record.length;
    }
    record.length = length;
    return record;
  }

  private token(ref: TokenRef): number {
    // Refs of one raw token are equal objects; the fingerprint names them.
    const key = ref.fp || ref;
    let i = this.tokenIndex.get(key);
    if (i === undefined) {
      i = this.tokens.length;
      this.tokens.push(ref);
      this.tokenIndex.set(key, i);
    }
    return i;
  }

  private headers(headers: Headers): Record<string, string | number> {
    const out: Record<string, string | number> = {};
    // keys(), not for-in: the page may add enumerable keys to Object.prototype.
    for (const name of keys(headers)) {
      const value = headers[name];
      out[name] = typeof value === 'string' ? value : this.token(value);
    }
    return out;
  }
}

/** A batch body before it is written as JSON. */
export interface BatchData {
  o: number;
  k: TokenRef[];
  e: unknown[][];
}

/** One batch body, as data; `origin` is the time the event times count from (the page's performance.timeOrigin). */
export function encodeBatchData(events: readonly PageEvent[], origin: number): BatchData {
  const writer = new BatchWriter(origin);
  const records: unknown[][] = new Array(events.length);
  for (let n = 0; n < events.length; n++) records[n] = writer.record(events[n] as unknown as Bag);
  return { o: origin, k: writer.tokens, e: records };
}

/** One batch body, as the page sends it. */
export function encodeBatchBody(events: readonly PageEvent[], origin: number): string {
  return stringify(encodeBatchData(events, origin));
}
