/**
 * Makes a wrapper look like the function it replaces: same name, same length,
 * and (through the toString hook) the same source text, so pages and
 * libraries that inspect built-ins see what they expect.
 */
const disguised = new WeakMap<Function, Function>();
let toStringHooked = false;

function hookToString(): void {
  if (toStringHooked) return;
  toStringHooked = true;
  const original = Function.prototype.toString;
  const replacement = {
    toString(this: unknown) {
      const target = typeof this === 'function' ? disguised.get(this) ?? this : this;
      return original.call(target);
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

const WRAPPED = Symbol.for('refresh-lens.wrapped');

/** True when `fn` is already one of our wrappers: installing twice must not wrap twice. */
export function isWrapped(fn: unknown): boolean {
  return typeof fn === 'function' && (fn as unknown as Record<symbol, unknown>)[WRAPPED] === true;
}

export function markWrapped(fn: Function): void {
  Object.defineProperty(fn, WRAPPED, { value: true });
}
