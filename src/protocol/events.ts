/**
 * Events recorded in the page. Every field is plain JSON so a batch can cross
 * a MessagePort, a runtime port and a file without conversion. Times are
 * epoch milliseconds with sub-millisecond precision (timeOrigin + now()).
 */

/** A token as it may leave the page: never the raw value. */
export interface TokenRef {
  /** Salted hash of the raw value, stable within one recording. */
  fp: string;
  /** 'jwt' when the value decoded as a JWT, else 'opaque'. */
  kind: 'jwt' | 'opaque';
  /** Decoded claims that matter; seconds since the epoch, as in the JWT. */
  exp?: number;
  iat?: number;
  sub?: string;
}

export type Transport = 'fetch' | 'xhr';

/** Header values after sanitising: a token-bearing value becomes its TokenRef. */
export type HeaderValue = string | TokenRef;
export type Headers = Record<string, HeaderValue>;

interface Base {
  /** Sequence number within the page session, assigned when queued. */
  seq: number;
  t: number;
}

/** The inject script started in a document: one per page session. */
export interface PageStartEvent extends Base {
  type: 'page-start';
  url: string;
  /** document.readyState when the script ran; 'loading' means before page scripts. */
  readyState: string;
}

/** A fetch or XHR request left the page. */
export interface RequestStartEvent extends Base {
  type: 'request-start';
  /** Unique within the page session. */
  id: string;
  transport: Transport;
  method: string;
  url: string;
  /** The request headers that matter (auth, cookies, content type, custom x-*). */
  headers: Headers;
  /** The bearer token the request carried, if any. */
  token?: TokenRef;
  /** The axios request this transport call serves, when known. */
  axiosId?: string;
}

/** A fetch or XHR request settled. */
export interface RequestEndEvent extends Base {
  type: 'request-end';
  id: string;
  /** HTTP status; 0 when no response arrived. */
  status: number;
  /** 'network' (fetch rejected / xhr error), 'abort', 'timeout', or absent on a response. */
  error?: 'network' | 'abort' | 'timeout';
}

/** An axios instance was found (issue 3 fills these in). */
export interface AxiosInstanceEvent extends Base {
  type: 'axios-instance';
  instanceId: string;
  /** axios version string when the library exposes it. */
  version?: string;
  /** How it was found: automatic detection or the opt-in hook. */
  via: 'auto' | 'hook';
  label?: string;
}

/** A step in the life of one axios request, seen from outside the app's interceptors. */
export interface AxiosStepEvent extends Base {
  type: 'axios-step';
  /** Unique within the page session; one per call into axios (a replay gets a new id). */
  id: string;
  instanceId: string;
  step:
    | 'enter' // the call reached axios, before the request interceptors
    | 'dispatch' // the request interceptors finished; the adapter is about to run
    | 'transport-end' // the adapter settled
    | 'settle'; // the caller's promise settled, after the response interceptors
  /**
   * On 'enter': the merged config's. On 'dispatch': only when the request
   * interceptors changed them (else they are the ones 'enter' carried).
   */
  method?: string;
  url?: string;
  /** On 'enter': the id of the first request sent with the same config object. */
  replayOf?: string;
  /** On 'enter': how many times this config object has entered axios (1 for the first). */
  attempt?: number;
  /** On 'dispatch': the token the request will carry. */
  token?: TokenRef;
  headers?: Headers;
  /** On 'transport-end' and 'settle'. */
  status?: number;
  outcome?: 'response' | 'error';
  errorCode?: string;
}

export type TokenStore =
  | 'cookie'
  | 'cookieStore'
  | 'localStorage'
  | 'sessionStorage'
  | 'httpOnlyCookie';

/** A token was written or removed where the app keeps it. */
export interface TokenWriteEvent extends Base {
  type: 'token-write';
  store: TokenStore;
  key: string;
  op: 'set' | 'remove';
  token?: TokenRef;
  /** Cookie attributes that decide its lifetime, as written. */
  expires?: string;
  maxAge?: number;
}

/** Reads of token stores, counted since the previous report (cheap aggregate). */
export interface TokenReadsEvent extends Base {
  type: 'token-reads';
  store: TokenStore;
  count: number;
}

export type PageEvent =
  | PageStartEvent
  | RequestStartEvent
  | RequestEndEvent
  | AxiosInstanceEvent
  | AxiosStepEvent
  | TokenWriteEvent
  | TokenReadsEvent;

export type PageEventType = PageEvent['type'];

/**
 * A page event as the background and panel hold it: tagged with its page
 * session and, for an event from a subframe, Chrome's frame id of that frame
 * (set by the background from the sender, never by the page; absent for the
 * top frame).
 */
export type TabEvent = PageEvent & { session: string; frame?: number };
