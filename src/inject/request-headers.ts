import { LIMITS, type Headers, type TokenRef } from '../protocol';
import { codeAt, indexOf, lower, OwnMap, slice, split } from '../protocol/intrinsics';
import { bearerFrom, isSensitiveHeader, isTokenLikeKey } from '../tokens';

// Taken when the page script starts, before a page could replace it.
const decodeComponent = decodeURIComponent;
const PLUS = 43;

/** Headers worth showing: auth, content negotiation and the app's own x-* headers. */
function matters(name: string): boolean {
  return isSensitiveHeader(name) || name === 'content-type' || name === 'accept' || slice(name, 0, 2) === 'x-';
}

export function clip(text: string): string {
  return text.length <= LIMITS.stringLength ? text : `${slice(text, 0, LIMITS.stringLength - 1)}…`;
}

interface HeaderKind {
  name: string;
  ignore: boolean;
  sensitive: boolean;
}

// An app sends the same few header names on every request: classifying a
// name once keeps the regular expressions off the per-request path.
const kinds = new OwnMap<string, HeaderKind>();

function classify(rawName: string): HeaderKind {
  let kind = kinds.get(rawName);
  if (kind === undefined) {
    const name = clip(lower(String(rawName)));
    kind = { name, ignore: !matters(name), sensitive: isSensitiveHeader(name) };
    if (kinds.size >= 256) kinds.clear();
    kinds.set(rawName, kind);
  }
  return kind;
}

// The Authorization value an app sends is the same string on most requests:
// the last one's bearer token is kept, which spares the regular expression.
let lastAuthorization: { text: string; bearer: string | undefined } | undefined;

function bearerOf(text: string): string | undefined {
  if (lastAuthorization?.text === text) return lastAuthorization.bearer;
  const bearer = bearerFrom(text);
  lastAuthorization = { text, bearer };
  return bearer;
}

export interface SanitizedHeaders {
  headers: Headers;
  /** The bearer token, when the request carries one. */
  token?: TokenRef;
}

/**
 * The last call's entries and what they gave: an app sends the same headers
 * on most requests, and handing back the same object lets a batch write the
 * set once (protocol/wire-tables.ts). The refs of its credentials are asked
 * for again on every call (of the raw values kept here, in the page), so a
 * new salt is never missed.
 */
let last: { entries: Array<[string, string]>; raws: string[]; refs: TokenRef[]; result: SanitizedHeaders } | undefined;

function sameEntries(a: Array<[string, string]>, b: Array<[string, string]>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i][0] !== b[i][0] || a[i][1] !== b[i][1]) return false;
  return true;
}

function stillValid(memo: NonNullable<typeof last>, tokenRef: (raw: string) => TokenRef): boolean {
  for (let k = 0; k < memo.raws.length; k++) if (tokenRef(memo.raws[k]) !== memo.refs[k]) return false;
  return true;
}

/**
 * Keeps the headers that matter, with every credential replaced by its
 * fingerprint. Names are lower-cased, as HTTP/2 and the Network panel show them.
 * The result is shared by every call with the same headers: copy it to change it.
 */
export function sanitizeHeaders(entries: Array<[string, string]>, tokenRef: (raw: string) => TokenRef): SanitizedHeaders {
  // Kept this small so the engine inlines it where it is called on every request; the work is in sanitizeNew.
  const memo = last;
  return memo !== undefined && sameEntries(memo.entries, entries) && stillValid(memo, tokenRef) ? memo.result : sanitizeNew(entries, tokenRef);
}

function sanitizeNew(entries: Array<[string, string]>, tokenRef: (raw: string) => TokenRef): SanitizedHeaders {
  const headers: Headers = {};
  const raws: string[] = [];
  const refs: TokenRef[] = [];
  let token: TokenRef | undefined;
  let count = 0;
  for (let i = 0; i < entries.length; i++) {
    const kind = classify(entries[i][0]);
    if (kind.ignore || count >= LIMITS.headersPerRequest) continue;
    count++;
    const name = kind.name;
    const text = String(entries[i][1]);
    if (kind.sensitive) {
      const bearer = name === 'authorization' ? bearerOf(text) : undefined;
      const raw = bearer ?? text;
      const ref = tokenRef(raw);
      headers[name] = ref;
      raws[raws.length] = raw;
      refs[refs.length] = ref;
      if (bearer !== undefined) token = ref;
    } else {
      headers[name] = clip(text);
    }
  }
  const result = token ? { headers, token } : { headers };
  // A copy of the pairs too: the caller may reuse its array and pairs (request-info.ts).
  const copy: Array<[string, string]> = [];
  for (let i = 0; i < entries.length; i++) copy[i] = [entries[i][0], entries[i][1]];
  last = { entries: copy, raws, refs, result };
  return result;
}

/**
 * The URL with the value of every token-like query parameter replaced, so a
 * token passed as `?access_token=` never leaves the page either.
 */
export function redactUrl(url: string): string {
  const q = indexOf(url, '?');
  if (q < 0) return url;
  const hash = indexOf(url, '#', q);
  const parts = split(slice(url, q + 1, hash < 0 ? url.length : hash), '&');
  let changed = false;
  let query = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const eq = indexOf(part, '=');
    let kept = part;
    if (eq >= 0) {
      let name = plusAsSpace(slice(part, 0, eq));
      try {
        name = decodeComponent(name);
      } catch {
        // Keep the raw name: a malformed escape is still a name to check.
      }
      if (isTokenLikeKey(name)) {
        changed = true;
        kept = `${slice(part, 0, eq)}=[redacted]`;
      }
    }
    query += i === 0 ? kept : `&${kept}`;
  }
  return changed ? `${slice(url, 0, q + 1)}${query}${hash < 0 ? '' : slice(url, hash)}` : url;
}

/** `text` with every '+' a space, as a query's names are written. */
function plusAsSpace(text: string): string {
  if (indexOf(text, '+') < 0) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) out += codeAt(text, i) === PLUS ? ' ' : text[i];
  return out;
}
