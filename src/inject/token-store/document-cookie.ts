/**
 * document.cookie, observed through its accessor on Document.prototype: the
 * original getter and setter run first, with the page's `this` and arguments,
 * so every result, exception and side effect is the browser's own. Then a
 * read is counted, or an accepted write is reported. Installed by redefining
 * the prototype property with the same attributes; a page that later wraps,
 * replaces or freezes it ends up calling through ours, which needs nothing
 * from the page's globals at call time (everything is captured here).
 */
import type { InjectContext } from '../context';
import { disguise } from '../disguise';
import type { ReadCounter } from './read-counter';
import type { TokenWrites } from './token-writes';
import { apply } from '../../protocol/intrinsics';

const getOwn = Object.getOwnPropertyDescriptor;
const define = Reflect.defineProperty;
const toText = String;

/** The string the setter will store, converted once (a second conversion would call the page's toString twice). */
export function asDOMString(value: unknown): unknown {
  return (typeof value === 'object' && value !== null) || typeof value === 'function' ? toText(value) : value;
}

/** Document.prototype in browsers; found along document's chain so other DOMs (tests) work too. */
function cookieOwner(): object | undefined {
  if (typeof document === 'undefined') return undefined;
  for (let o: object | null = Object.getPrototypeOf(document); o !== null; o = Object.getPrototypeOf(o)) {
    if (getOwn(o, 'cookie') !== undefined) return o;
  }
  return undefined;
}

export function hookDocumentCookie(ctx: InjectContext, reads: ReadCounter, writes: TokenWrites): boolean {
  const proto = cookieOwner();
  const d = proto && getOwn(proto, 'cookie');
  if (!d || typeof d.get !== 'function' || typeof d.set !== 'function' || !d.configurable) return false;
  const { get: originalGet, set: originalSet } = d;

  const get = {
    get cookie(): unknown {
      const value = apply(originalGet, this, []);
      reads.count('cookie');
      return value;
    },
  };
  const set = {
    set cookie(value: unknown) {
      const text = asDOMString(value);
      apply(originalSet, this, [text]);
      if (typeof text !== 'symbol') ctx.guard(() => writes.cookie(toText(text)));
    },
  };
  const getter = disguise(getOwn(get, 'cookie')!.get!, originalGet);
  const setter = disguise(getOwn(set, 'cookie')!.set!, originalSet);
  return define(proto, 'cookie', { get: getter, set: setter, enumerable: d.enumerable, configurable: true });
}
