/**
 * Built-ins taken when this module loads, for code that runs beside the
 * page's own scripts (the page script, and the wire writer it shares with the
 * background). The page script loads before any page script, so these are
 * the engine's own; a page that later replaces `String.prototype.slice` or
 * `Map.prototype.get` (a polyfill, a test spy, an analytics shim) must not
 * see us call its replacement on every request.
 *
 * Calling a method as `s.slice(…)` looks it up on the prototype at the time
 * of the call; these call the function taken now. Regular expressions are
 * run through the engine's own `exec`, which reads nothing from the page:
 * `test`, `replace` and `search` look up `exec` (and `flags`) on the
 * expression again. The collection classes carry the methods taken now on
 * their own prototype, so a method call on them never reaches
 * `Map.prototype`.
 */
export const apply = Reflect.apply;
const define = Reflect.defineProperty;
const getOwn = Reflect.getOwnPropertyDescriptor;
const freeze = Object.freeze;

/**
 * `fn.call(self, ...)` with the engine's own `call`, bound now: a call with
 * the arguments spelled out, which V8 makes a plain call, where
 * `Reflect.apply` with an array-like goes through its generic spreading
 * (about 110 more instructions a call in Node, callgrind).
 */
export const callWith = Function.prototype.call.bind(Function.prototype.call) as (fn: Function, self: unknown, ...args: unknown[]) => unknown;

/**
 * `Reflect.apply(fn, self, args)` for a call that passes on the arguments it
 * was given: the same function, receiver and arguments (their number too),
 * made as a plain call for the counts a hook passes on every request.
 */
export function applyArgs(fn: Function, self: unknown, args: ArrayLike<unknown>): unknown {
  const n = args.length;
  return n === 1 ? callWith(fn, self, args[0]) : n === 2 ? callWith(fn, self, args[0], args[1]) : n === 0 ? callWith(fn, self) : apply(fn, self, args);
}

/** For calls with no arguments: no array made per call. */
const NO_ARGS = freeze([]) as [];

const S = String.prototype;
const { toLowerCase, toUpperCase, slice: stringSlice, indexOf: stringIndexOf, charCodeAt, trim: stringTrim } = S;
const regexpExec = RegExp.prototype.exec;

export const lower = (text: string): string => apply(toLowerCase, text, NO_ARGS) as string;
export const upper = (text: string): string => apply(toUpperCase, text, NO_ARGS) as string;
export const slice = (text: string, start: number, end = text.length): string => apply(stringSlice, text, [start, end]) as string;
export const indexOf = (text: string, search: string, from = 0): number => apply(stringIndexOf, text, [search, from]) as number;
export const trim = (text: string): string => apply(stringTrim, text, NO_ARGS) as string;
export const codeAt = (text: string, index: number): number => apply(charCodeAt, text, [index]) as number;

/** The parts of `text` between `separator`s, as text.split(separator) cuts them (a non-empty separator). */
export function split(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let at = indexOf(text, separator); at !== -1; at = indexOf(text, separator, start)) {
    parts[parts.length] = slice(text, start, at);
    start = at + separator.length;
  }
  parts[parts.length] = slice(text, start);
  return parts;
}

/** The engine's own `exec`: reads the expression's internal state and `lastIndex` (ours), nothing the page can reach. */
export const exec = (re: RegExp, text: string): RegExpExecArray | null => apply(regexpExec, re, [text]) as RegExpExecArray | null;
export const test = (re: RegExp, text: string): boolean => exec(re, text) !== null;

/** Copies `names` (methods and accessors) of `from` onto `to`, as they are now. */
function takeOwn(to: object, from: object, names: readonly PropertyKey[]): void {
  for (let i = 0; i < names.length; i++) {
    const descriptor = getOwn(from, names[i]);
    if (descriptor) define(to, names[i], descriptor);
  }
}

const COLLECTION = ['get', 'set', 'has', 'add', 'delete', 'clear', 'size', 'forEach'] as const;

/**
 * A Map whose methods are the engine's, taken when this module loaded.
 * (Each class has its own constructor: the implicit one spreads its
 * arguments, through the array iterator a page could replace.)
 */
export class OwnMap<K, V> extends Map<K, V> {
  constructor(entries: ReadonlyArray<readonly [K, V]> = []) {
    super();
    for (let i = 0; i < entries.length; i++) this.set(entries[i][0], entries[i][1]);
  }
}
takeOwn(OwnMap.prototype, Map.prototype, COLLECTION);

/** A Set whose methods are the engine's, taken when this module loaded. */
export class OwnSet<T> extends Set<T> {
  constructor(values: readonly T[] = []) {
    super();
    for (let i = 0; i < values.length; i++) this.add(values[i]);
  }
}
takeOwn(OwnSet.prototype, Set.prototype, COLLECTION);

/** A WeakMap whose methods are the engine's, taken when this module loaded. */
export class OwnWeakMap<K extends object, V> extends WeakMap<K, V> {
  constructor() {
    super();
  }
}
takeOwn(OwnWeakMap.prototype, WeakMap.prototype, COLLECTION);

/** A WeakSet whose methods are the engine's, taken when this module loaded. */
export class OwnWeakSet<T extends object> extends WeakSet<T> {
  constructor() {
    super();
  }
}
takeOwn(OwnWeakSet.prototype, WeakSet.prototype, COLLECTION);
