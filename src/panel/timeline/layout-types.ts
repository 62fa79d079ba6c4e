import type { Role, TraceRequest } from '../../trace/types';

export type LaneKind = 'tokens' | 'episode' | 'refresh' | 'chain' | 'queued' | 'group' | 'other';

/** One drawn request (or one attempt of a request, on its chain's lane). */
export interface Bar {
  request: TraceRequest;
  role: Role;
  lane: number;
  /** Time the request was waiting before it was sent (queued behind a refresh), if any. */
  waitFrom?: number;
  /** On the wire: sent .. response. */
  start: number;
  end: number;
  /** The caller kept waiting after the response (an expired request waiting for its replay). */
  tailTo?: number;
  /** Replays: their number in send order within the episode (#1..#n). */
  replayNumber?: number;
  /** Expired originals (and the replays of them): the original's number in send order. */
  originalNumber?: number;
  /** Still in flight when the recording ended. */
  open: boolean;
  /**
   * Answered, but its caller was still waiting when the recording ended (an
   * expired or queued request of an episode): its tail runs to the end.
   */
  waiting?: boolean;
  /** An arrow starts at its end (to a replay): the lane right of it is the arrow's. */
  arrowOut?: boolean;
}

export interface Lane {
  kind: LaneKind;
  label: string;
  episode?: string;
  /** Sorted by start; in packed 'other' lanes they never overlap. */
  bars: Bar[];
}

export interface Arrow {
  kind: 'expired-replay' | 'refresh-replay';
  from: Bar;
  to: Bar;
}

/** A token generation drawn as a band: from when it was first seen to its expiry. */
export interface TokenBand {
  fp: string;
  start: number;
  end: number;
  /** Its expiry (epoch ms), when it has one. */
  exp?: number;
  row: 0 | 1;
  expired: boolean;
  label: string;
}

/** A page load: drawn as a vertical line across the lanes, as the Network panel marks them. */
export interface Navigation {
  t: number;
  url: string;
}

export interface TimelineLayout {
  lanes: Lane[];
  navigations: Navigation[];
  arrows: Arrow[];
  bands: TokenBand[];
  /** Bars by request id, to find a selection. */
  byRequest: Map<string, Bar>;
  start: number;
  end: number;
}
