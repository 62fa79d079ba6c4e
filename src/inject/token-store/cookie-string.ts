/**
 * What a `document.cookie = "..."` assignment writes, parsed the way browsers
 * do (RFC 6265bis 5.6): the name=value pair before the first ';' (no '=' means
 * an empty name), then attributes, of which only the lifetime ones matter here.
 * A removal is an expiry in the past or a Max-Age of zero or less; Max-Age wins
 * over Expires when both are present.
 */
import { codeAt, indexOf, lower, slice, split, test, trim } from '../../protocol/intrinsics';

export interface CookieWrite {
  name: string;
  value: string;
  expires?: string;
  maxAge?: number;
  removal: boolean;
}

// Taken when the page script starts: the page writes cookies through our
// hook, and must not see us call what it replaced since.
const parseDate = Date.parse;
const decodeComponent = decodeURIComponent;
const MAX_AGE = /^-?\d+$/;
const QUOTE = 34;

export function parseCookieWrite(text: string, now: number): CookieWrite {
  const parts = split(text, ';');
  const pair = parts[0];
  const eq = indexOf(pair, '=');
  const name = trim(eq === -1 ? '' : slice(pair, 0, eq));
  const value = trim(eq === -1 ? pair : slice(pair, eq + 1));
  const write: CookieWrite = { name, value, removal: false };
  for (let i = 1; i < parts.length; i++) {
    const attr = parts[i];
    const at = indexOf(attr, '=');
    const key = lower(trim(at === -1 ? attr : slice(attr, 0, at)));
    const arg = at === -1 ? '' : trim(slice(attr, at + 1));
    if (key === 'expires' && arg) write.expires = arg;
    // Max-Age must be an optional '-' and digits; anything else is ignored.
    else if (key === 'max-age' && test(MAX_AGE, arg)) write.maxAge = Number(arg);
  }
  if (write.maxAge !== undefined) write.removal = write.maxAge <= 0;
  else if (write.expires !== undefined) {
    const when = parseDate(write.expires);
    // NaN is the one value not equal to itself.
    write.removal = when === when && when < now;
  }
  return write;
}

/** The token as the app will read it back: unquoted and URI-decoded when it was encoded. */
export function cookieValueForToken(value: string): string {
  const quoted = value.length >= 2 && codeAt(value, 0) === QUOTE && codeAt(value, value.length - 1) === QUOTE;
  const unquoted = quoted ? slice(value, 1, value.length - 1) : value;
  if (indexOf(unquoted, '%') === -1) return unquoted;
  try {
    return decodeComponent(unquoted);
  } catch {
    return unquoted;
  }
}
