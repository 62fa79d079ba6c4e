/**
 * Test support (not bundled): spies on the built-ins a page could replace
 * after our script ran, noting each call made from one of our source files
 * (the first frame below the spy that is not the engine's own).
 */
const PROTOTYPE_METHODS: Array<[object, string[]]> = [
  [String.prototype, ['toLowerCase', 'toUpperCase', 'slice', 'substring', 'replace', 'replaceAll', 'startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'split', 'trim', 'search', 'match', 'concat', 'at', 'padStart', 'repeat', 'charCodeAt']],
  [Array.prototype, ['push', 'pop', 'shift', 'unshift', 'map', 'filter', 'join', 'slice', 'splice', 'indexOf', 'includes', 'forEach', 'find', 'findIndex', 'some', 'every', 'reduce', 'concat', 'sort', 'fill', Symbol.iterator as unknown as string]],
  [Object.getPrototypeOf([][Symbol.iterator]()), ['next']],
  [Map.prototype, ['get', 'set', 'has', 'delete', 'clear', 'forEach', Symbol.iterator as unknown as string]],
  [Set.prototype, ['has', 'add', 'delete']],
  [WeakMap.prototype, ['get', 'set', 'has', 'delete']],
  [WeakSet.prototype, ['has', 'add', 'delete']],
  [RegExp.prototype, ['test', 'exec']],
  [Function.prototype, ['call', 'apply', 'bind']],
  [Promise.prototype, ['then', 'catch', 'finally']],
  [Number.prototype, ['toString', 'toFixed']],
  [Object, ['keys', 'values', 'entries', 'assign', 'getPrototypeOf', 'defineProperty', 'getOwnPropertyDescriptor', 'create', 'fromEntries']],
  [JSON, ['stringify', 'parse']],
  [Math, ['round', 'min', 'max', 'floor']],
  [Number, ['isSafeInteger', 'isInteger', 'isFinite', 'isNaN']],
  [Array, ['isArray', 'from']],
  [String, ['fromCharCode']],
  [Reflect, ['apply', 'getPrototypeOf', 'setPrototypeOf', 'defineProperty', 'ownKeys', 'getOwnPropertyDescriptor']],
  [globalThis, ['decodeURIComponent', 'encodeURIComponent']],
];

// Taken before any spy is in place: the spies call through with these.
const reflectApply = Reflect.apply;
const defineProperty = Object.defineProperty;
const getOwnDescriptor = Object.getOwnPropertyDescriptor;
const regexpExec = RegExp.prototype.exec;
const stringSplit = String.prototype.split;

const calls = new Set<string>();
let armed = false;
const restore: Array<() => void> = [];

/** The first frame below the spy that is not the engine's own: ours when it is a source file that is not test code. */
function ourCaller(): string | undefined {
  const lines = reflectApply(stringSplit, new Error().stack ?? '', ['\n']) as string[];
  for (let i = 3; i < lines.length; i++) {
    const line = lines[i];
    if (line.indexOf('(<anonymous>)') !== -1 || line.indexOf('node:internal') !== -1) continue;
    const match = reflectApply(regexpExec, /\/src\/([^:)]+:\d+)/, [line]) as RegExpExecArray | null;
    // Test files and test support (test-*.ts) are not ours.
    if (!match || match[1].indexOf('.test.') !== -1 || match[1].indexOf('/test-') !== -1) return undefined;
    return match[1];
  }
  return undefined;
}

function spyOn(owner: object, name: PropertyKey): void {
  const descriptor = getOwnDescriptor(owner, name);
  if (!descriptor || typeof descriptor.value !== 'function') return;
  const original = descriptor.value as Function;
  const label = typeof name === 'symbol' ? name.toString() : name;
  const spy = function (this: unknown, ...args: unknown[]) {
    if (armed) {
      armed = false;
      try {
        const site = ourCaller();
        if (site) calls.add(`${label} @ ${site}`);
      } finally {
        armed = true;
      }
    }
    return reflectApply(original, this, args);
  };
  defineProperty(owner, name, { ...descriptor, value: spy });
  restore.push(() => defineProperty(owner, name, descriptor));
}

/** Replaces the built-ins with spies and starts noting calls of ours. */
export function armSpies(): void {
  calls.clear();
  for (const [owner, names] of PROTOTYPE_METHODS) for (const name of names) spyOn(owner, name);
  armed = true;
}

/** Stops noting and puts the built-ins back. */
export function disarmSpies(): void {
  armed = false;
  while (restore.length > 0) restore.pop()!();
}

/** `name @ file:line` of each call of ours the spies saw, sorted. */
export function callsOfOurs(): string[] {
  return [...calls].sort();
}
