/**
 * Makes a wrapper look like the function it replaces: same name, same length,
 * and (through the toString hook) the same source text, so pages and
 * libraries that inspect built-ins see what they expect.
 */
import { apply, OwnWeakMap, OwnWeakSet } from '../protocol/intrinsics';

const NO_ARGS: [] = [];
const disguised = new OwnWeakMap<Function, Function>();
let toStringHooked = false;

function hookToString(): void {
  if (toStringHooked) return;
  toStringHooked = true;
  const original = Function.prototype.toString;
  const replacement = {
    toString(this: unknown) {
      const target = typeof this === 'function' ? disguised.get(this) ?? this : this;
      // Reflect.apply as taken at start: Function.prototype.call is the page's to replace.
      return apply(original, target, NO_ARGS);
    },
  }.toString;
  disguised.set(replacement, original);
  Object.defineProperty(Function.prototype, 'toString', { value: replacement, writable: true, configurable: true, enumerable: false });
}

export function disguise<T extends Function>(wrapper: T, original: Function): T {
  hookToString();
  Object.defineProperty(wrapper, 'name', { value: original.name, configurable: true });
  Object.defineProperty(wrapper, 'length', { value: original.length, configurable: true });
  disguised.set(wrapper, original);
  return wrapper;
}

// Our live wrappers, kept here rather than marked on the functions: any own
// property (even a symbol) shows to Reflect.ownKeys. A second copy of the
// page script (another bundle) cannot see this set: index.ts asks the first
// copy whether it is still live before installing anything (isLive below).
const wrappers = new OwnWeakSet<Function>();
let retired = false;

/**
 * True when `fn` is one of our live wrappers: installing twice must not wrap
 * twice. A retired copy's wrappers (the extension that installed them is
 * gone) do not count, so the new extension's copy can wrap over them.
 */
export function isWrapped(fn: unknown): boolean {
  return typeof fn === 'function' && !retired && wrappers.has(fn);
}

export function markWrapped(fn: Function): void {
  wrappers.add(fn);
}

/** Called when the bridge says our extension went away. */
export function retireWrappers(): void {
  retired = true;
}

/** False once the bridge said our extension went away. */
export function isLive(): boolean {
  return !retired;
}
