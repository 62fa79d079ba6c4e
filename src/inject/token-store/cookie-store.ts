/**
 * The async Cookie Store API (Chromium): set/delete of token cookies and
 * get/getAll reads. The page gets the original's own promise back, untouched
 * (no handler attached, so an unhandled rejection stays unhandled): the write
 * is recorded when the call is made and the browser did not throw at once.
 * Options objects are read through data properties only, never getters.
 */
import type { InjectContext } from '../context';
import { own } from '../axios/passive';
import { replaceMethod, syncLike } from '../axios/patch';
import type { ReadCounter } from './read-counter';
import type { TokenWrites } from './token-writes';
import { apply } from '../../protocol/intrinsics';

const toText = String;


function nameOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const name = own(arg, 'name');
  return typeof name === 'string' ? name : undefined;
}

// Taken at start: a page may replace these later, and sets cookies through our hook.
const isFinite = Number.isFinite;
const DateCtor = Date;
const toUTCString = Date.prototype.toUTCString;

function expiresOf(options: unknown, now: number): { expires?: string; past: boolean } {
  const expires = own(options, 'expires');
  if (typeof expires !== 'number' || !isFinite(expires)) return { past: false };
  return { expires: apply(toUTCString, new DateCtor(expires), []) as string, past: expires < now };
}

export function hookCookieStore(ctx: InjectContext, reads: ReadCounter, writes: TokenWrites): boolean {
  const CookieStore: unknown = (globalThis as { CookieStore?: unknown }).CookieStore;
  const proto = typeof CookieStore === 'function' ? (CookieStore as { prototype: unknown }).prototype : undefined;
  if (typeof proto !== 'object' || proto === null) return false;

  const record = (argv: ArrayLike<unknown>, op: 'set' | 'delete'): void => {
    const first = argv[0];
    const name = nameOf(first);
    if (name === undefined) return;
    if (op === 'delete') return writes.remove('cookieStore', name);
    const value = typeof first === 'string' ? argv[1] : own(first, 'value');
    const { expires, past } = typeof first === 'string' ? { past: false } : expiresOf(first, ctx.now());
    if (past) writes.remove('cookieStore', name, { expires });
    else if (value !== undefined) writes.set('cookieStore', name, toText(value), { expires });
  };

  // An implementation may call its own public methods (get() calling
  // getAll()): only the page's outermost call is counted or recorded.
  let depth = 0;
  const wrap = (key: 'set' | 'delete' | 'get' | 'getAll', after: (argv: ArrayLike<unknown>) => void) =>
    replaceMethod(proto, key, (original) =>
      syncLike(original, (self, argv) => {
        depth++;
        let result: unknown;
        try {
          result = apply(original, self, argv);
        } finally {
          depth--;
        }
        if (depth === 0) ctx.guard(() => after(argv));
        return result;
      }),
    );
  const wrapWrite = (op: 'set' | 'delete') => wrap(op, (argv) => record(argv, op));
  const wrapRead = (key: 'get' | 'getAll') => wrap(key, () => reads.count('cookieStore'));
  return [wrapWrite('set'), wrapWrite('delete'), wrapRead('get'), wrapRead('getAll')].every(Boolean);
}
