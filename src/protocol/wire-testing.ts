/** For tests: page events as a bridge forwards them (wire-format.ts). */
import type { PageEvent, PageEventType } from './events';
import { encodeBatchData } from './wire-encode';
import { WIRE_FIELDS } from './wire-format';

/**
 * `count` events numbered from the first event's seq, and their body. An
 * event of a type the format does not know is written as a record the
 * background must refuse, so tests can mix bad events in.
 */
export function wireBatch(events: readonly unknown[], origin = 0): { first: number; count: number; body: string } {
  const known = events.filter((e) => Object.hasOwn(WIRE_FIELDS, (e as { type?: unknown })?.type as PageEventType)) as PageEvent[];
  const body = encodeBatchData(known, origin);
  let k = 0;
  const records = body.e;
  body.e = events.map((e) => (known.includes(e as PageEvent) ? records[k++] : [999, 0]));
  return { first: (events[0] as { seq?: number })?.seq ?? 0, count: events.length, body: JSON.stringify(body) };
}
