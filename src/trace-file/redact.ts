/**
 * Redaction for everything a file can carry that our events do not: raw
 * header values, cookies, query strings and bodies from an imported HAR.
 * It errs on the side of removing too much: a token-like name anywhere hides
 * its whole value, and a JWT-shaped or `Bearer` value is hidden whatever its name.
 */
import { redactUrl } from '../inject/request-headers';
import { isSensitiveHeader, isTokenLikeKey } from '../tokens';

export const REDACTED = '[redacted]';

// A JWT's header is base64 of `{"…`, so it starts with `eyJ`; that keeps host names out.
const JWT_ANYWHERE = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
const BEARER_ANYWHERE = /\b(bearer|basic)(\s+)[^\s"',;]+/gi;

/** Free text with JWT-shaped and `Bearer …` values replaced. */
export function redactText(text: string): string {
  return text.replace(JWT_ANYWHERE, REDACTED).replace(BEARER_ANYWHERE, `$1$2${REDACTED}`);
}

export function redactHeaderValue(name: string, value: string): string {
  return isSensitiveHeader(name) ? REDACTED : redactText(value);
}

/**
 * The URL with token-like query and fragment parameters hidden (OAuth's
 * implicit flow puts `#access_token=` in the fragment), and any JWT in the path.
 */
export function redactFullUrl(url: string): string {
  const withQuery = redactUrl(url);
  const hash = withQuery.indexOf('#');
  if (hash < 0) return redactText(withQuery);
  const fragment = redactParams(withQuery.slice(hash + 1));
  return redactText(`${withQuery.slice(0, hash + 1)}${fragment}`);
}

/** `a=1&token=x` with token-like names' values hidden. */
export function redactParams(query: string): string {
  return query
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part;
      return isTokenLikeKey(safeDecode(part.slice(0, eq))) ? `${part.slice(0, eq)}=${REDACTED}` : redactText(part);
    })
    .join('&');
}

/**
 * A request or response body. JSON is parsed and token-like fields hidden
 * (the whole value, whatever its type: `"session": {…}` goes entirely); a
 * form body is treated as parameters; anything else is scanned as text.
 */
export function redactBody(text: string, mimeType = ''): string {
  const trimmed = text.trimStart();
  if (/json/i.test(mimeType) || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(redactJson(JSON.parse(text)));
    } catch {
      // Not JSON after all: fall through to the text scan.
    }
  }
  if (/x-www-form-urlencoded/i.test(mimeType)) return redactParams(text);
  return redactText(text);
}

export function redactJson(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactJson);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = isTokenLikeKey(key) ? REDACTED : redactJson(v);
  return out;
}

function safeDecode(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
