import { apply, codeAt, exec, slice } from '../protocol/intrinsics';

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
const decode = TextDecoder.prototype.decode;
const isFinite = Number.isFinite;
const fromCharCode = String.fromCharCode;

const JWT_SHAPE = /^[A-Za-z0-9_-]{2,}\.([A-Za-z0-9_-]{2,})\.[A-Za-z0-9_-]*$/;

const MINUS = 45;
const UNDERSCORE = 95;

function base64UrlDecode(part: string): string {
  let b64 = '';
  for (let i = 0; i < part.length; i++) {
    const c = codeAt(part, i);
    b64 += c === MINUS ? '+' : c === UNDERSCORE ? '/' : fromCharCode(c);
  }
  while (b64.length % 4 !== 0) b64 += '=';
  const binary = decodeBase64(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = codeAt(binary, i);
  return apply(decode, new Decoder(), [bytes]) as string;
}

/** Decoded claims, or undefined when the value is not a JWT with a JSON payload. */
export function decodeJwtClaims(token: string): Claims | undefined {
  const match = exec(JWT_SHAPE, token);
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
  if (typeof p.exp === 'number' && isFinite(p.exp)) claims.exp = p.exp;
  if (typeof p.iat === 'number' && isFinite(p.iat)) claims.iat = p.iat;
  // sub is a user id, not a secret, but a long one is cut so it cannot smuggle a token.
  if (typeof p.sub === 'string') claims.sub = slice(p.sub, 0, 128);
  return claims;
}
