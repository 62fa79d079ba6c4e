import type { InjectContext } from './context';
import { disguise, isWrapped, markWrapped } from './disguise';
import { clip, redactUrl, sanitizeHeaders } from './request-headers';
import { absoluteUrl, primitiveText, UNKNOWN } from './safe-read';
import type { AxiosLinker } from './transport-link';
import { apply, OwnWeakMap, upper } from '../protocol/intrinsics';


interface Pending {
  method: string;
  url: string;
  headers: Array<[string, string]>;
}

/**
 * Observes XMLHttpRequest through its prototype methods and one `loadend`
 * listener per request, added with addEventListener so the page's own on*
 * handlers and listeners are never touched.
 */
export function installXhrHook(ctx: InjectContext, linkAxios: AxiosLinker): void {
  if (typeof XMLHttpRequest === 'undefined') return;
  const proto = XMLHttpRequest.prototype;
  if (isWrapped(proto.send)) return;
  const { open, setRequestHeader, send } = proto;
  const pending = new OwnWeakMap<XMLHttpRequest, Pending>();
  /** Objects sending a request we recorded: how to end it if open() cuts it short. */
  const sending = new OwnWeakMap<XMLHttpRequest, () => void>();
  // Captured now, before any page script: Zone.js and others patch these later,
  // and our listeners must not become their tasks.
  const on = EventTarget.prototype.addEventListener;
  const off = EventTarget.prototype.removeEventListener;
  const readyState = Object.getOwnPropertyDescriptor(proto, 'readyState')?.get;
  const status = Object.getOwnPropertyDescriptor(proto, 'status')?.get;
  const read = (xhr: XMLHttpRequest, getter: (() => unknown) | undefined, name: 'readyState' | 'status') =>
    (getter ? apply(getter, xhr, []) : xhr[name]) as number;

  // Methods, like the natives: no prototype, not constructible, `this` kept.
  // Arguments are read only as primitives or URL objects (safe-read.ts): a
  // page's toString must run once, in the native call.
  const { open_: openWrapper, setRequestHeader_: setHeaderWrapper, send_: sendWrapper } = {
    open_(this: XMLHttpRequest, method: string, url: string | URL) {
      ctx.guard(() => {
        // open() on an object still sending ends that request without any event.
        sending.get(this)?.();
        const m = primitiveText(method);
        pending.set(this, { method: m === undefined ? UNKNOWN : upper(m), url: absoluteUrl(url), headers: [] });
      });
      // eslint-disable-next-line prefer-rest-params
      return apply(open, this, arguments);
    },
    setRequestHeader_(this: XMLHttpRequest, name: string, value: string) {
      // The original runs first: if it throws (wrong state), nothing is recorded.
      // eslint-disable-next-line prefer-rest-params
      const result = apply(setRequestHeader, this, arguments);
      ctx.guard(() => {
        const n = primitiveText(name);
        const v = primitiveText(value);
        if (n === undefined || v === undefined) return;
        const p = pending.get(this);
        if (p) p.headers[p.headers.length] = [n, v];
      });
      return result;
    },
    send_(this: XMLHttpRequest) {
    const xhr = this;
    ctx.guard(() => {
      const p = pending.get(xhr);
      // Anything but OPENED makes the original throw: then nothing was sent.
      if (!p || read(xhr, readyState, 'readyState') !== 1) return;
      pending.delete(xhr);
      const id = ctx.newId('x');
      const { headers, token } = sanitizeHeaders(p.headers, ctx.tokenRef);
      const axiosId = linkAxios(p.method, p.url);
      ctx.emit({
        type: 'request-start', t: ctx.now(), id, transport: 'xhr', method: clip(p.method), url: clip(redactUrl(p.url)), headers,
        ...(token ? { token } : {}), ...(axiosId ? { axiosId } : {}),
      });
      let error: 'abort' | 'timeout' | 'network' | undefined;
      // The moment the request finished is taken at readyState DONE, which
      // fires before load/loadend: axios settles in its own onloadend, and
      // the app's interceptors (a refresh, a replay) run before our loadend
      // listener would, so loadend's time would come after their effects.
      let doneAt: number | undefined;
      const listeners: Array<[string, () => void]> = [
        ['readystatechange', () => (doneAt ??= read(xhr, readyState, 'readyState') === 4 ? ctx.now() : undefined)],
        ['abort', () => (error = 'abort')],
        ['timeout', () => (error = 'timeout')],
        ['error', () => (error = 'network')],
      ];
      const finish = (reopened: boolean) =>
        ctx.guard(() => {
          sending.delete(xhr);
          // Index loops, not for-of: the array iterator is the page's to replace.
          for (let i = 0; i < listeners.length; i++) apply(off, xhr, listeners[i]);
          // Reopened before it was done, the browser dropped it. A page's own
          // readystatechange or load handler may reopen a done one: that one ended.
          if (reopened && doneAt === undefined && read(xhr, readyState, 'readyState') !== 4) error = 'abort';
          ctx.emit({ type: 'request-end', t: doneAt ?? ctx.now(), id, status: read(xhr, status, 'status'), ...(error ? { error } : {}) });
        });
      listeners[listeners.length] = ['loadend', () => finish(false)];
      for (let i = 0; i < listeners.length; i++) apply(on, xhr, listeners[i]);
      sending.set(xhr, () => finish(true));
    });
    // eslint-disable-next-line prefer-rest-params
    return apply(send, this, arguments);
    },
  };

  for (const [name, wrapper, original] of [
    ['open', openWrapper, open],
    ['setRequestHeader', setHeaderWrapper, setRequestHeader],
    ['send', sendWrapper, send],
  ] as const) {
    disguise(wrapper, original);
    markWrapped(wrapper);
    Object.defineProperty(proto, name, { value: wrapper, writable: true, configurable: true, enumerable: true });
  }
}
