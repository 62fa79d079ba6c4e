import { exec, lower, OwnSet, test } from '../protocol/intrinsics';

/** Names of cookies, storage keys and headers that usually hold a credential. */
const TOKEN_NAME = /(^|[-_.\s])?(token|jwt|access|auth|session|sess|sid|refresh|bearer|id_token|credential|secret|api[-_]?key)/i;

const SENSITIVE_HEADERS = new OwnSet(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-auth-token', 'x-access-token', 'x-csrf-token', 'x-xsrf-token']);

export function isTokenLikeKey(name: string): boolean {
  return test(TOKEN_NAME, name);
}

export function isSensitiveHeader(name: string): boolean {
  const lowered = lower(name);
  return SENSITIVE_HEADERS.has(lowered) || isTokenLikeKey(lowered);
}

const BEARER = /^\s*bearer\s+(\S+)\s*$/i;

/** The token in an `Authorization: Bearer …` value, or undefined. */
export function bearerFrom(headerValue: string): string | undefined {
  const match = exec(BEARER, headerValue);
  return match ? match[1] : undefined;
}

const JWT_VALUE = /^[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*$/;

export function looksLikeJwt(value: string): boolean {
  return test(JWT_VALUE, value);
}
