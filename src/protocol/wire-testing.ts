/** For tests: page events as a bridge forwards them (wire-format.ts). */
import type { PageEventType } from './events';
import { BatchWriter } from './wire-encode';
import { WIRE_FIELDS } from './wire-format';

/**
 * `count` events numbered from the first event's seq, and their body. An
 * event of a type the format does not know is written as a record the
 * background must refuse, so tests can mix bad events in.
 */
export function wireBatch(events: readonly unknown[], origin = 0): { first: number; count: number; body: string } {
  const writer = new BatchWriter(origin);
  for (const e of events) {
    if (Object.hasOwn(WIRE_FIELDS, (e as { type?: unknown })?.type as PageEventType)) writer.write(e as Record<string, unknown>);
    else writer.writeRecord([999, 0]);
  }
  return { first: (events[0] as { seq?: number })?.seq ?? 0, count: events.length, body: writer.body() };
}
