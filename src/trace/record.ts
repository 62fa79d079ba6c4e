/**
 * One request as the model holds it: the raw facts merged from axios steps
 * and transport events (written by the requests handler), and the analysis
 * results (written by the window analysis). Getters derive the times the
 * analysis reasons about, so no derived value can go stale.
 */
import type { TokenRef, Transport } from '../protocol';
import type { Role, TraceRequest } from './types';
import { maxTime, minTime, type Ms } from './units';

/** The part of an episode a request points to; see analysis/episode-work.ts. */
export interface EpisodeLink {
  readonly id: string;
  discarded: boolean;
}

export class RequestRecord implements TraceRequest {
  transportMethod?: string;
  transportUrl?: string;
  axiosMethod?: string;
  axiosUrl?: string;
  transport?: Transport;
  instanceId?: string;
  axiosId?: string;
  transportId?: string;
  /** True once an axios step was seen: then the caller's settle is what ends it. */
  axiosView = false;

  enterT?: Ms;
  dispatchT?: Ms;
  transportStartT?: Ms;
  /** The page's sequence numbers of the dispatch step and of the transport's start: their order within one tick of the page clock. */
  dispatchSeq?: number;
  transportStartSeq?: number;
  transportEndT?: Ms;
  adapterEndT?: Ms;
  settleT?: Ms;
  httpStatus?: number;
  adapterStatus?: number;
  transportError?: string;
  settleOutcome?: 'response' | 'error';
  settleStatus?: number;
  settleError?: string;
  explicitReplayOf?: string;
  attempt?: number;
  dispatchToken?: TokenRef;
  transportToken?: TokenRef;
  headerToken?: TokenRef;
  bodySize?: string;

  // Analysis results, reset before every analysis of a window that holds this request.
  role: Role = 'normal';
  replayOf?: string;
  episodeLink?: EpisodeLink;
  pending = false;
  stranded = false;
  /** Fingerprint of the token this call produced, when it is a refresh that did. */
  produced?: string;
  /** The URL the refresh patterns were last tried on, and the answer. */
  refreshUrlChecked?: { url: string; match: boolean };

  constructor(
    readonly id: string,
    readonly session: string,
  ) {}

  resetAnalysis(): void {
    this.role = 'normal';
    this.replayOf = undefined;
    this.episodeLink = undefined;
    this.pending = false;
    this.stranded = false;
    this.produced = undefined;
  }

  /** The transport's absolute URL when there is one; axios may hold a relative one. */
  get url(): string {
    return this.transportUrl ?? this.axiosUrl ?? '';
  }

  get method(): string {
    return (this.transportMethod ?? this.axiosMethod ?? 'GET').toUpperCase();
  }

  get episode(): string | undefined {
    return this.episodeLink?.id;
  }

  get start(): Ms {
    return (minTime(minTime(this.enterT, this.transportStartT), minTime(this.dispatchT, this.firstEndT)) ?? 0) as Ms;
  }

  get sent(): Ms | undefined {
    return this.dispatchT ?? this.transportStartT;
  }

  /** The sequence number of the event `sent` comes from. */
  get sentSeq(): number | undefined {
    return this.dispatchT !== undefined ? this.dispatchSeq : this.transportStartSeq;
  }

  /**
   * The first sign of the response: axios's adapter often settles before the
   * XHR's loadend reaches our listener, and the app reacts from the former.
   */
  get responded(): Ms | undefined {
    return minTime(this.transportEndT, this.adapterEndT);
  }

  get settled(): boolean {
    return this.axiosView ? this.settleT !== undefined : this.transportEndT !== undefined;
  }

  get end(): Ms | undefined {
    return this.axiosView ? this.settleT : this.transportEndT;
  }

  /** The latest thing known about it. */
  get lastT(): Ms {
    const a = maxTime(maxTime(this.enterT, this.dispatchT), maxTime(this.transportStartT, this.transportEndT));
    return (maxTime(a, maxTime(this.adapterEndT, this.settleT)) ?? 0) as Ms;
  }

  get status(): number | undefined {
    return this.httpStatus ?? this.adapterStatus;
  }

  get error(): string | undefined {
    return this.transportError ?? this.settleError;
  }

  get outcome(): 'response' | 'error' | undefined {
    return this.settleOutcome;
  }

  get token(): TokenRef | undefined {
    return this.dispatchToken ?? this.transportToken ?? this.headerToken;
  }

  /** The status the caller finally got: after the interceptors for axios, else the response's. */
  get finalStatus(): number | undefined {
    return this.axiosView ? this.settleStatus : this.httpStatus;
  }

  /** The public fields only: the analysis links make the record itself circular. */
  toJSON(): TraceRequest {
    const view: Record<string, unknown> = {};
    for (const key of PUBLIC_FIELDS) if (this[key] !== undefined) view[key] = this[key];
    return view as unknown as TraceRequest;
  }

  private get firstEndT(): Ms | undefined {
    return minTime(minTime(this.transportEndT, this.adapterEndT), this.settleT);
  }
}

const PUBLIC_FIELDS = [
  'id', 'session', 'method', 'url', 'transport', 'instanceId', 'axiosId', 'transportId', 'role', 'replayOf', 'attempt',
  'episode', 'status', 'error', 'start', 'sent', 'responded', 'end', 'outcome', 'token', 'pending', 'stranded',
] as const satisfies ReadonlyArray<keyof TraceRequest>;

export interface StartKey {
  readonly start: number;
  readonly id: string;
}
export interface LastKey {
  readonly lastT: number;
  readonly id: string;
}

const TRAILING_NUMBER = /\d+$/;

const sessionOf = (id: string) => id.slice(0, id.lastIndexOf(':') + 1);

/**
 * Ids are "session:" then a prefix and a number the page counts up, one
 * counter for every kind, as it creates requests ("s1:axr9", "s1:x10"). In one
 * session they compare by that number, so requests started in the same tick
 * keep the order the page started them in (as strings, axr10 sorts first).
 */
export function byId(a: string, b: string): number {
  const na = TRAILING_NUMBER.exec(a);
  const nb = TRAILING_NUMBER.exec(b);
  if (na && nb && sessionOf(a) === sessionOf(b)) {
    const byNumber = Number(na[0]) - Number(nb[0]);
    if (byNumber !== 0) return byNumber;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Order of sending: by time, then, within one session, by the page's
 * sequence numbers (two sends in one tick of the page clock went out in
 * the order the page recorded them), then by id.
 */
export function compareBySent(a: RequestRecord, b: RequestRecord): number {
  const byTime = (a.sent ?? a.start) - (b.sent ?? b.start);
  if (byTime !== 0) return byTime;
  const sa = a.sentSeq;
  const sb = b.sentSeq;
  if (sa !== undefined && sb !== undefined && a.session === b.session && sa !== sb) return sa - sb;
  return byId(a.id, b.id);
}

/** Order of the request list: by start, then id so that ties do not depend on arrival. */
export const compareByStart = (a: StartKey, b: StartKey): number => a.start - b.start || byId(a.id, b.id);
export const compareByLast = (a: LastKey, b: LastKey): number => a.lastT - b.lastT || byId(a.id, b.id);

export interface RespondedKey {
  readonly responded?: number;
  readonly id: string;
}
export const compareByResponded = (a: RespondedKey, b: RespondedKey): number =>
  (a.responded ?? Infinity) - (b.responded ?? Infinity) || byId(a.id, b.id);
