/**
 * Run-time checks for everything that arrives from the page. The page is not
 * trusted: any script there can send anything, so a message is accepted only
 * when every field has the type and size the protocol says.
 */
import type { PageEvent, PageEventType } from './events';
import { LIMITS, PROTOCOL_VERSION, SOURCE, type PageToBridge, type RejectReason } from './messages';

type Field =
  | 'str'
  | 'num'
  | 'int'
  | 'token'
  | 'headers'
  | readonly string[]; // one of these strings

type Shape = Record<string, { type: Field; optional?: true }>;

const req = (type: Field) => ({ type });
const opt = (type: Field) => ({ type, optional: true as const });

const SHAPES: Record<PageEventType, Shape> = {
  'page-start': { url: req('str'), readyState: req('str') },
  'request-start': {
    id: req('str'),
    transport: req(['fetch', 'xhr']),
    method: req('str'),
    url: req('str'),
    headers: req('headers'),
    token: opt('token'),
    axiosId: opt('str'),
  },
  'request-end': {
    id: req('str'),
    status: req('int'),
    error: opt(['network', 'abort', 'timeout']),
  },
  'axios-instance': {
    instanceId: req('str'),
    version: opt('str'),
    via: req(['auto', 'hook']),
    label: opt('str'),
  },
  'axios-step': {
    id: req('str'),
    instanceId: req('str'),
    step: req(['enter', 'dispatch', 'transport-end', 'settle']),
    method: opt('str'),
    url: opt('str'),
    replayOf: opt('str'),
    attempt: opt('int'),
    token: opt('token'),
    headers: opt('headers'),
    status: opt('int'),
    outcome: opt(['response', 'error']),
    errorCode: opt('str'),
  },
  'token-write': {
    store: req(['cookie', 'cookieStore', 'localStorage', 'sessionStorage', 'httpOnlyCookie']),
    key: req('str'),
    op: req(['set', 'remove']),
    token: opt('token'),
    expires: opt('str'),
    maxAge: opt('num'),
  },
  'token-reads': {
    store: req(['cookie', 'cookieStore', 'localStorage', 'sessionStorage', 'httpOnlyCookie']),
    count: req('int'),
  },
};

/** The fields an event of each type must have, listed once rather than on every check. */
const REQUIRED = Object.fromEntries(
  Object.entries(SHAPES).map(([type, shape]) => [type, Object.keys(shape).filter((key) => !shape[key].optional)]),
) as Record<PageEventType, string[]>;

/** The fields an event of `type` may have besides type, seq and t. */
export function eventFieldNames(type: PageEventType): string[] {
  return Object.keys(SHAPES[type]);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isStr(x: unknown): x is string {
  return typeof x === 'string' && x.length <= LIMITS.stringLength;
}

function isTokenRef(x: unknown): boolean {
  if (!isRecord(x)) return false;
  if (!isStr(x.fp) || x.fp.length === 0 || x.fp.length > 64) return false;
  if (x.kind !== 'jwt' && x.kind !== 'opaque') return false;
  if (x.exp !== undefined && !Number.isFinite(x.exp)) return false;
  if (x.iat !== undefined && !Number.isFinite(x.iat)) return false;
  if (x.sub !== undefined && !isStr(x.sub)) return false;
  for (const k of Object.keys(x)) if (k !== 'fp' && k !== 'kind' && k !== 'exp' && k !== 'iat' && k !== 'sub') return false;
  return true;
}

function checkField(type: Field, value: unknown): boolean {
  if (Array.isArray(type)) return typeof value === 'string' && type.includes(value);
  switch (type) {
    case 'str':
      return isStr(value);
    case 'num':
      return typeof value === 'number' && Number.isFinite(value);
    case 'int':
      return Number.isSafeInteger(value);
    case 'token':
      return isTokenRef(value);
    case 'headers': {
      if (!isRecord(value)) return false;
      const entries = Object.entries(value);
      if (entries.length > LIMITS.headersPerRequest) return false;
      return entries.every(([k, v]) => isStr(k) && (isStr(v) || isTokenRef(v)));
    }
  }
  return false;
}

/** True when `x` is a well-formed page event; unknown extra fields are refused. */
export function isPageEvent(x: unknown): x is PageEvent {
  if (!isRecord(x)) return false;
  if (typeof x.type !== 'string' || !Object.hasOwn(SHAPES, x.type)) return false;
  if (!Number.isSafeInteger(x.seq) || (x.seq as number) < 0) return false;
  if (typeof x.t !== 'number' || !Number.isFinite(x.t)) return false;
  const shape = SHAPES[x.type as PageEventType];
  for (const key of Object.keys(x)) {
    if (key === 'type' || key === 'seq' || key === 't') continue;
    const spec = shape[key];
    if (!spec) return false;
    if (x[key] === undefined && spec.optional) continue;
    if (!checkField(spec.type, x[key])) return false;
  }
  const required = REQUIRED[x.type as PageEventType];
  for (let i = 0; i < required.length; i++) if (!Object.hasOwn(x, required[i])) return false;
  return true;
}

export type Checked =
  | { ok: true; message: PageToBridge }
  | { ok: false; reason: RejectReason; detail: string };

/**
 * Checks one message from the page, or a batch's header: its events are
 * checked one by one where the body is decoded (wire-decode.ts).
 */
export function checkPageMessage(x: unknown, approxBytes = 0): Checked {
  if (approxBytes > LIMITS.batchBytes) return { ok: false, reason: 'oversized', detail: `${approxBytes} bytes` };
  if (!isRecord(x) || x.source !== SOURCE) return { ok: false, reason: 'malformed', detail: 'no source tag' };
  if (x.v !== PROTOCOL_VERSION) {
    return { ok: false, reason: 'version', detail: `protocol ${String(x.v)}, expected ${PROTOCOL_VERSION}` };
  }
  if (!isStr(x.session) || x.session.length === 0 || x.session.length > 64) {
    return { ok: false, reason: 'malformed', detail: 'bad session' };
  }
  if (x.kind === 'hello') {
    if (!isStr(x.url)) return { ok: false, reason: 'malformed', detail: 'bad hello' };
    return { ok: true, message: { source: SOURCE, v: PROTOCOL_VERSION, kind: 'hello', session: x.session, url: x.url } };
  }
  if (x.kind !== 'batch') return { ok: false, reason: 'malformed', detail: `unknown kind` };
  const isCount = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!isCount(x.first)) return { ok: false, reason: 'malformed', detail: 'bad first sequence number' };
  if (!isCount(x.count)) return { ok: false, reason: 'malformed', detail: 'bad event count' };
  if ((x.count as number) > LIMITS.eventsPerBatch) {
    return { ok: false, reason: 'oversized', detail: `${x.count} events in one batch` };
  }
  if (!isCount(x.dropped)) return { ok: false, reason: 'malformed', detail: 'bad dropped count' };
  return {
    ok: true,
    message: {
      source: SOURCE,
      v: PROTOCOL_VERSION,
      kind: 'batch',
      session: x.session,
      first: x.first as number,
      count: x.count as number,
      dropped: x.dropped as number,
    },
  };
}
