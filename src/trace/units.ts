/**
 * Unit types, so that epoch milliseconds (event times) and JWT seconds
 * (`exp`, `iat`) cannot be mixed by accident: converting is always explicit.
 */
declare const unit: unique symbol;

/** Epoch milliseconds, or a duration in milliseconds. */
export type Ms = number & { readonly [unit]: 'ms' };
/** Seconds since the epoch, as JWT claims carry them. */
export type Seconds = number & { readonly [unit]: 's' };

export const ms = (n: number): Ms => n as Ms;
export const seconds = (n: number): Seconds => n as Seconds;
export const secondsToMs = (s: Seconds): Ms => (s * 1000) as Ms;

/** The smaller of two optional times; undefined only when both are. */
export function minTime(a: Ms | undefined, b: Ms | undefined): Ms | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}

export function maxTime(a: Ms | undefined, b: Ms | undefined): Ms | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}
