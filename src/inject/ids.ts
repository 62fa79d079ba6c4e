/**
 * Ids for the page session ('axr1', 'x2', ...), one counter for every
 * prefix, written without converting a number to a string. V8 keeps each
 * number it converts in an isolate-wide cache held by the old generation, so
 * a fresh id string per request stayed alive through the next young
 * collections and was promoted: in the bench's zero-latency loop that was
 * some 11 KB promoted per scavenge, which made the page's scavenges half as
 * long again (bench/node-loop, `--trace-gc-nvp`). Digits kept as a string
 * are garbage as soon as the id is.
 */
import { codeAt, slice } from '../protocol/intrinsics';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const ZERO = 48;
const NINE = 57;

/** The decimal digits of one more than `digits` ('' is zero). */
export function increment(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && codeAt(digits, i) === NINE) i--;
  let out = i < 0 ? '1' : slice(digits, 0, i) + DIGITS[codeAt(digits, i) - ZERO + 1];
  // The nines after the digit that grew wrap round to zeros.
  for (let k = i + 1; k < digits.length; k++) out += '0';
  return out;
}

/**
 * `prefix` + 1, 2, 3, ...: the count is shared by every prefix. `last` is
 * the number of the id made last, kept as a number beside the digits: a call
 * needs its id's number for the wire (wire-format.ts, callNumber), and
 * reading it back out of the id cost more than the rest of starting a call
 * (some nine characters read through the engine's own charCodeAt).
 */
export class Ids {
  last = 0;
  private tens = '';
  private unit = 0;
  /** prefix + tens, for the prefix asked for last: most ids cost one concatenation. */
  private headPrefix: string | undefined;
  private head = '';

  next(prefix: string): string {
    this.last++;
    if (++this.unit === 10) {
      this.unit = 0;
      this.tens = increment(this.tens);
      this.headPrefix = undefined;
    }
    if (prefix !== this.headPrefix) {
      this.headPrefix = prefix;
      this.head = prefix + this.tens;
    }
    return this.head + DIGITS[this.unit];
  }
}

/** Ids.next as a function of its own. */
export function idMaker(): (prefix: string) => string {
  const ids = new Ids();
  return (prefix) => ids.next(prefix);
}
