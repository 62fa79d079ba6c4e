/**
 * Chrome's Trace Event Format (the JSON Perfetto and chrome://tracing open).
 * Times are integer microseconds. Requests are nestable async slices
 * (`b`/`e`, matched by `id2`); flow arrows use the newer `bind_id` with
 * `flow_out`/`flow_in` on async instants (`n`), because a `b` can carry only
 * one flow id and a request has two arrows leaving it.
 */

export type Phase = 'b' | 'e' | 'n' | 'i' | 'M';

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: Phase;
  /** Microseconds from the start of the recording. */
  ts: number;
  pid: number;
  tid: number;
  /**
   * Async slice id, local to the process so that Perfetto groups the lanes
   * under their page (a plain `id` is global); `b`, `e` and `n` of one request share it.
   */
  id2?: { local: string };
  /** Scope of an instant (`i`): `p` for the page's process. */
  s?: 'g' | 'p' | 't';
  bind_id?: string;
  flow_out?: boolean;
  flow_in?: boolean;
  args?: Record<string, unknown>;
}

/** No `displayTimeUnit`: it is optional, and Perfetto notes it as a key it ignores. */
export interface ChromeTrace {
  traceEvents: TraceEvent[];
  metadata: Record<string, unknown>;
}
