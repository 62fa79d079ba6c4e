/** The claims of a JWT that matter for expiry, decoded without verifying. */
export interface Claims {
  exp?: number;
  iat?: number;
  sub?: string;
}

// Taken when the page script starts, before any page script: a page that
// replaces or instruments these later must not see us call them.
const parseJson = JSON.parse;
const decodeBase64 = atob;
const Decoder = TextDecoder;
const fromChars = Uint8Array.from.bind(Uint8Array);

const JWT_SHAPE = /^[A-Za-z0-9_-]{2,}\.([A-Za-z0-9_-]{2,})\.[A-Za-z0-9_-]*$/;

function base64UrlDecode(part: string): string {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const binary = decodeBase64(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = fromChars(binary, (c: string) => c.charCodeAt(0));
  return new Decoder().decode(bytes);
}

/** Decoded claims, or undefined when the value is not a JWT with a JSON payload. */
export function decodeJwtClaims(token: string): Claims | undefined {
  const match = JWT_SHAPE.exec(token);
  if (!match) return undefined;
  let payload: unknown;
  try {
    payload = parseJson(base64UrlDecode(match[1]));
  } catch {
    return undefined;
  }
  if (typeof payload !== 'object' || payload === null) return undefined;
  const p = payload as Record<string, unknown>;
  const claims: Claims = {};
  if (typeof p.exp === 'number' && Number.isFinite(p.exp)) claims.exp = p.exp;
  if (typeof p.iat === 'number' && Number.isFinite(p.iat)) claims.iat = p.iat;
  // sub is a user id, not a secret, but a long one is cut so it cannot smuggle a token.
  if (typeof p.sub === 'string') claims.sub = p.sub.slice(0, 128);
  return claims;
}
