/**
 * How a chunk of a tab's log is written to session storage: one JSON string
 * (Chrome converts an object value field by field, in the worker and again in
 * the browser process), with the events in the batch wire format
 * (protocol/wire-format.ts), about a quarter of their size as objects. The
 * wire format numbers events from a first sequence number and knows nothing
 * of page sessions and frames, so a chunk holds runs: consecutive events of
 * one session and frame with consecutive numbers.
 */
import { decodeBatchData, encodeBatchData, type BatchData, type TabEvent } from '../protocol';

interface Run {
  /** Page session, frame (absent: the top frame), first sequence number, count. */
  s: string;
  f?: number;
  q: number;
  n: number;
  b: BatchData;
}

interface StoredChunk {
  v: 3;
  from: number;
  runs: Run[];
}

export interface Chunk {
  /** Log index of events[0]. */
  from: number;
  events: TabEvent[];
}

export function encodeChunk(chunk: Chunk): string {
  const { events } = chunk;
  const runs: Run[] = [];
  for (let i = 0; i < events.length; ) {
    const { session, frame } = events[i];
    let j = i + 1;
    while (j < events.length && events[j].session === session && events[j].frame === frame && events[j].seq === events[j - 1].seq + 1) j++;
    const run = events.slice(i, j);
    runs.push({ s: session, ...(frame !== undefined ? { f: frame } : {}), q: run[0].seq, n: run.length, b: encodeBatchData(run, run[0].t) });
    i = j;
  }
  return JSON.stringify({ v: 3, from: chunk.from, runs } satisfies StoredChunk);
}

/**
 * A stored chunk, or undefined when it cannot be read whole: a chunk with an
 * event missing would shift every later log index. Objects and plain JSON
 * chunks, as earlier versions wrote them, are read too.
 */
export function decodeChunk(value: unknown): Chunk | undefined {
  let data: unknown = value;
  if (typeof value === 'string') {
    try {
      data = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const stored = data as Partial<StoredChunk> & Partial<Chunk>;
  if (typeof stored !== 'object' || stored === null || !Number.isSafeInteger(stored.from)) return undefined;
  if (stored.v !== 3) return Array.isArray(stored.events) ? { from: stored.from!, events: stored.events } : undefined;
  if (!Array.isArray(stored.runs)) return undefined;
  const events: TabEvent[] = [];
  for (const run of stored.runs) {
    if (typeof run?.s !== 'string' || !Number.isSafeInteger(run.q) || !Number.isSafeInteger(run.n)) return undefined;
    const decoded = decodeBatchData(run.b, run.q, run.n);
    if (decoded.malformed > 0) return undefined;
    for (const event of decoded.events) events.push(run.f === undefined ? { ...event, session: run.s } : { ...event, session: run.s, frame: run.f });
  }
  return { from: stored.from!, events };
}
