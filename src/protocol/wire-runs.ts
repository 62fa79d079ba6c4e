/**
 * Packed steps written as text (wire-format.ts): consecutive packed steps go
 * in `f` as one string, a run, rather than one JSON number each. A loop of
 * like calls is nearly all packed steps, most with no time between them
 * (the page clock moves in 0.1 ms ticks), so a run takes about one byte a
 * step where the numbers took three or four, and the page builds it from
 * character codes instead of stringifying numbers: less for the page to
 * write, for the bridge to post and for the background to parse.
 *
 * Each step is its packedValue v (wire-format.ts; packStep's is −(v + 1)):
 * v < 64 is one digit of RUN_DIGITS; a larger v is a marker of RUN_MARKERS
 * saying how many digits follow (2 to 8, most significant first). No
 * character needs escaping in JSON.
 */

// Taken when the page script starts (writeLongRunValue runs beside the page's scripts).
const { floor } = Math;

export const RUN_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
/** The marker of a value written in k digits is RUN_MARKERS[k - 2]. */
export const RUN_MARKERS = '!#$%&()';
const BASE = 64;
const MAX_DIGITS = RUN_MARKERS.length + 1;
/** A writer closes its run at this many characters, so a run is made from one argument list of modest length. */
export const MAX_RUN_CHARS = 4096;

/** Character codes of the digits, for a writer that builds a run from codes. */
export const RUN_DIGIT_CODES: readonly number[] = Array.from(RUN_DIGITS, (c) => c.charCodeAt(0));
const MARKER_CODES: readonly number[] = Array.from(RUN_MARKERS, (c) => c.charCodeAt(0));

/** The value of each character code as a digit (−1: not a digit), and as a marker (its digit count, 0: not one). */
const DIGIT_OF = new Int8Array(128).fill(-1);
const MARKER_OF = new Int8Array(128);
RUN_DIGIT_CODES.forEach((code, value) => (DIGIT_OF[code] = value));
MARKER_CODES.forEach((code, i) => (MARKER_OF[code] = i + 2));

/**
 * Writes `v` (at least 64: smaller ones are one digit, which the writer
 * writes itself) into `codes` from `at`; returns where the next goes.
 */
export function writeLongRunValue(codes: number[], at: number, v: number): number {
  let digits = 2;
  let top = BASE * BASE;
  while (v >= top && digits < MAX_DIGITS) {
    digits++;
    top *= BASE;
  }
  codes[at++] = MARKER_CODES[digits - 2];
  // Division rather than shifts: v may exceed 32 bits.
  for (let place = top / BASE; place >= 1; place /= BASE) codes[at++] = RUN_DIGIT_CODES[floor(v / place) % BASE];
  return at;
}

/**
 * The packed steps of a run, each as the negative number packStep gives;
 * undefined for text that is not a run (an unknown character, a value cut
 * short, an empty run). The background's half: it reads what a page sent.
 */
export function runSteps(text: string): number[] | undefined {
  if (text.length === 0) return undefined;
  const steps: number[] = [];
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i++);
    if (code >= 128) return undefined;
    const digit = DIGIT_OF[code];
    let v: number;
    if (digit >= 0) v = digit;
    else {
      const digits = MARKER_OF[code];
      if (digits === 0 || i + digits > text.length) return undefined;
      v = 0;
      for (let k = 0; k < digits; k++) {
        const d = text.charCodeAt(i++);
        const value = d < 128 ? DIGIT_OF[d] : -1;
        if (value < 0) return undefined;
        v = v * BASE + value;
      }
      // One way to write each value: a long form of a value the short form holds is not a run's.
      if (v < BASE ** (digits - 1) || !Number.isSafeInteger(v + 1)) return undefined;
    }
    steps[steps.length] = -(v + 1);
  }
  return steps;
}
