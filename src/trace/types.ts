/**
 * What the trace model produces. The panel, the viewer, the CLI and the tests
 * read these; only the model writes them.
 */
import type { TokenRef, TokenStore, Transport } from '../protocol';
import type { Ms, Seconds } from './units';

export const ROLES = ['normal', 'expired', 'queued', 'refresh', 'replay'] as const;
export type Role = (typeof ROLES)[number];

/** One request: an axios call merged with the fetch/XHR that served it, or a bare fetch/XHR. */
export interface TraceRequest {
  /** `session:localId`; the axios id when there is an axios view, else the transport id. */
  readonly id: string;
  readonly session: string;
  readonly method: string;
  readonly url: string;
  readonly transport?: Transport;
  readonly instanceId?: string;
  readonly axiosId?: string;
  readonly transportId?: string;
  readonly role: Role;
  /** For a replay: the request it re-sends (the first one sent with that config). */
  readonly replayOf?: string;
  /** How many times this config object had entered axios, 1 for the first. */
  readonly attempt?: number;
  readonly episode?: string;
  /** HTTP status of this request's own call; 0 when no response arrived. */
  readonly status?: number;
  readonly error?: string;
  /** First sign of the request: axios enter, else the transport start. */
  readonly start: Ms;
  /** When it went on the wire with its token (axios dispatch, else transport start). */
  readonly sent?: Ms;
  readonly responded?: Ms;
  /** When the caller's promise settled (axios), or the response arrived (bare fetch/XHR). */
  readonly end?: Ms;
  /** The axios caller's outcome, after the response interceptors. */
  readonly outcome?: 'response' | 'error';
  readonly token?: TokenRef;
  /** Not settled when the recording ended. */
  readonly pending: boolean;
  /** An expired or queued request that never settled and nothing was left to settle it. */
  readonly stranded: boolean;
}

export type EpisodeOutcome = 'recovered' | 'failed' | 'stranded' | 'pending';

export interface Episode {
  /** `e1`, `e2`, … in start order. */
  readonly id: string;
  /** How it began: a request refused with an auth failure, or a refresh with no failure before it. */
  readonly trigger: 'auth-failure' | 'proactive';
  /** Fingerprint of the token being replaced (`none` when the failing requests carried none). */
  readonly oldToken: string;
  /** Fingerprints of the tokens its refresh calls produced, in order. */
  readonly newTokens: readonly string[];
  readonly start: Ms;
  /** When every expired and queued request had settled; undefined while one has not. */
  readonly end?: Ms;
  /**
   * `pending` (an addition to SPEC's three) means the recording ended while the
   * episode was still going and within the stranded timeout.
   */
  readonly outcome: EpisodeOutcome;
  readonly expired: readonly string[];
  readonly queued: readonly string[];
  readonly refreshes: readonly string[];
  /** In the order they were sent. */
  readonly replays: readonly string[];
  readonly instances: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

export const RULE_IDS = [
  'refresh-stampede',
  'replay-out-of-order',
  'replay-missing',
  'request-stranded',
  'retry-loop',
  'stale-token-replay',
  'request-not-queued',
  'expired-token-sent',
  'refresh-failed',
  'replay-rejected',
] as const;
export type RuleId = (typeof RULE_IDS)[number];
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly episode?: string;
  readonly requests: readonly string[];
  /** What happened, in plain language. */
  readonly message: string;
  /** What to change in the app. */
  readonly hint: string;
  /** When it happened, for ordering and for placing it on a timeline. */
  readonly t: Ms;
}

export type TokenLocation = TokenStore | 'header';

export interface TokenWrite {
  readonly t: Ms;
  readonly store: TokenStore;
  readonly key: string;
  readonly op: 'set' | 'remove';
}

/** One distinct token value, known by its fingerprint. */
export interface TokenGeneration {
  readonly fp: string;
  readonly kind: 'jwt' | 'opaque';
  readonly exp?: Seconds;
  readonly iat?: Seconds;
  readonly sub?: string;
  readonly firstSeen: Ms;
  readonly lastSeen: Ms;
  readonly writes: readonly TokenWrite[];
  /** Where it was seen: the stores it was written to, and `header` when requests carried it. */
  readonly locations: readonly TokenLocation[];
  /** Ids of the requests that carried it, sorted. */
  readonly carriedBy: readonly string[];
  /** The refresh call that produced it, when one did. */
  readonly producedBy?: string;
}

export interface SessionInfo {
  readonly session: string;
  readonly url?: string;
  readonly start: Ms;
}

export interface InstanceInfo {
  readonly session: string;
  readonly instanceId: string;
  readonly version?: string;
  readonly via: 'auto' | 'hook';
  readonly label?: string;
}

/**
 * The model's answer. The arrays are owned by the model and updated in place
 * by later `ingest` calls (that is what keeps a snapshot cheap); compare
 * `version` to see whether anything changed, and copy what must stay frozen.
 */
export interface TraceResult {
  readonly version: number;
  readonly requests: readonly TraceRequest[];
  readonly episodes: readonly Episode[];
  readonly diagnostics: readonly Diagnostic[];
  readonly tokens: readonly TokenGeneration[];
  readonly sessions: readonly SessionInfo[];
  readonly instances: readonly InstanceInfo[];
  readonly recordingStart?: Ms;
  readonly recordingEnd?: Ms;
  /** Page clock minus server clock, estimated from `iat`; 0 when within the threshold. */
  readonly clockSkewMs: number;
}
