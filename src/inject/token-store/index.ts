/**
 * Where the app keeps its tokens, observed without changing it: writes to
 * document.cookie, the Cookie Store API and local/session storage become
 * `token-write` events (fingerprint and claims only), and reads of them are
 * counted into `token-reads` events. HttpOnly cookies are invisible here: the
 * background reports those (src/background/http-only-cookies.ts).
 * Call once, at document_start, before any page script.
 */
import type { InjectContext } from '../context';
import { hookCookieStore } from './cookie-store';
import { hookDocumentCookie } from './document-cookie';
import { ReadCounter } from './read-counter';
import { hookStorage } from './storage';
import { TokenWrites } from './token-writes';

let installed = false;

export function installTokenStoreHooks(ctx: InjectContext): void {
  if (installed) return;
  installed = true;
  ctx.guard(() => {
    const setTimer = setTimeout.bind(globalThis);
    const reads = new ReadCounter(ctx, (fn, ms) => setTimer(fn, ms));
    const writes = new TokenWrites(ctx);
    // Each independently: one failing (a frozen prototype, a missing API) must not stop the others.
    ctx.guard(() => hookDocumentCookie(ctx, reads, writes));
    ctx.guard(() => hookStorage(ctx, reads, writes));
    ctx.guard(() => hookCookieStore(ctx, reads, writes));
  });
}
