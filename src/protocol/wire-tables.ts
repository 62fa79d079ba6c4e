/**
 * The tables of one batch body (wire-format.ts): each string, token ref and
 * header set is written once, and the records name it by its index. Kept
 * apart from the records' layout (wire-encode.ts); both run on the app's
 * thread, so plain loops and built-ins taken at start (intrinsics.ts).
 */
import type { Headers, TokenRef } from './events';
import { OwnMap } from './intrinsics';

// Taken when the page script starts, before any page script could replace them.
const { keys, create } = Object;
const { stringify } = JSON;

/**
 * What a string may cost in the body at most (every character escaped as
 * \uXXXX), so a batch is sealed before its body could exceed a message.
 */
export const worst = (text: string) => text.length * 6 + 2;

export class BatchTables {
  readonly tokens: TokenRef[] = [];
  private readonly tokenIndex = new OwnMap<unknown, number>();
  readonly strings: string[] = [];
  private readonly stringIndex = new OwnMap<string, number>();
  readonly headerSets: Array<Record<string, string | number>> = [];
  private readonly headerIndex = new OwnMap<Headers, number>();
  private lastText: string | undefined;
  private lastTextIndex = 0;
  private lastText2: string | undefined;
  private lastText2Index = 0;
  /** An upper bound of what the tables, and the plain strings written through them, add to the body's length. */
  bytes = 0;

  /** A value written as it is; a string is counted in the body's length. */
  plain(value: unknown): unknown {
    if (typeof value === 'string') this.bytes += worst(value);
    return value ?? null;
  }

  /** A string as its index in the string table; anything else as itself (for the background to refuse). */
  text(value: unknown): unknown {
    if (typeof value !== 'string') return value ?? null;
    // A call's method and URL come one after the other, the same as the call before's more often than not.
    if (value === this.lastText) return this.lastTextIndex;
    if (value === this.lastText2) return this.lastText2Index;
    const i = this.index(value);
    this.lastText2 = this.lastText;
    this.lastText2Index = this.lastTextIndex;
    this.lastText = value;
    this.lastTextIndex = i;
    return i;
  }

  private index(value: string): number {
    let i = this.stringIndex.get(value);
    if (i === undefined) {
      i = this.strings.length;
      this.strings[i] = value;
      this.stringIndex.set(value, i);
      this.bytes += worst(value);
    }
    return i;
  }

  /** A token ref as its index in the token table. */
  token(ref: TokenRef): number {
    // Refs of one raw token are equal objects; the fingerprint names them.
    const key = ref.fp || ref;
    let i = this.tokenIndex.get(key);
    if (i === undefined) {
      i = this.tokens.length;
      this.tokens[i] = ref;
      this.tokenIndex.set(key, i);
      this.bytes += worst(stringify(ref) ?? '');
    }
    return i;
  }

  /**
   * A header set as its index in the header table: an app sends the same
   * headers on most requests, and the page script hands the same object for
   * the same headers (request-headers.ts), so each set is written once.
   */
  headers(headers: Headers): number {
    let i = this.headerIndex.get(headers);
    if (i !== undefined) return i;
    // No prototype, so a header named "__proto__" is written as a header.
    const out = create(null) as Record<string, string | number>;
    // keys(), not for-in: the page may add enumerable keys to Object.prototype.
    const names = keys(headers);
    for (let n = 0; n < names.length; n++) {
      const name = names[n];
      const value = headers[name];
      this.bytes += worst(name);
      out[name] = typeof value === 'string' ? (this.plain(value) as string) : this.token(value);
    }
    i = this.headerSets.length;
    this.headerSets[i] = out;
    this.headerIndex.set(headers, i);
    return i;
  }
}
