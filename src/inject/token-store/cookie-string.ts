/**
 * What a `document.cookie = "..."` assignment writes, parsed the way browsers
 * do (RFC 6265bis 5.6): the name=value pair before the first ';' (no '=' means
 * an empty name), then attributes, of which only the lifetime ones matter here.
 * A removal is an expiry in the past or a Max-Age of zero or less; Max-Age wins
 * over Expires when both are present.
 */
export interface CookieWrite {
  name: string;
  value: string;
  expires?: string;
  maxAge?: number;
  removal: boolean;
}

const parseDate = Date.parse;

export function parseCookieWrite(text: string, now: number): CookieWrite {
  const parts = text.split(';');
  const pair = parts[0];
  const eq = pair.indexOf('=');
  const name = (eq === -1 ? '' : pair.slice(0, eq)).trim();
  const value = (eq === -1 ? pair : pair.slice(eq + 1)).trim();
  const write: CookieWrite = { name, value, removal: false };
  for (let i = 1; i < parts.length; i++) {
    const attr = parts[i];
    const at = attr.indexOf('=');
    const key = (at === -1 ? attr : attr.slice(0, at)).trim().toLowerCase();
    const arg = at === -1 ? '' : attr.slice(at + 1).trim();
    if (key === 'expires' && arg) write.expires = arg;
    // Max-Age must be an optional '-' and digits; anything else is ignored.
    else if (key === 'max-age' && /^-?\d+$/.test(arg)) write.maxAge = Number(arg);
  }
  if (write.maxAge !== undefined) write.removal = write.maxAge <= 0;
  else if (write.expires !== undefined) {
    const when = parseDate(write.expires);
    write.removal = !Number.isNaN(when) && when < now;
  }
  return write;
}

/** The token as the app will read it back: unquoted and URI-decoded when it was encoded. */
export function cookieValueForToken(value: string): string {
  const unquoted = value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  if (!unquoted.includes('%')) return unquoted;
  try {
    return decodeURIComponent(unquoted);
  } catch {
    return unquoted;
  }
}
