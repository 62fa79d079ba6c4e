import type { InjectContext } from './context';
import { disguise, isWrapped, markWrapped } from './disguise';
import { clip, redactUrl, sanitizeHeaders } from './request-headers';
import type { AxiosLinker } from './transport-link';

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
  const pending = new WeakMap<XMLHttpRequest, Pending>();

  const openWrapper = function open_(this: XMLHttpRequest, method: string, url: string | URL) {
    ctx.guard(() => pending.set(this, { method: String(method).toUpperCase(), url: new URL(String(url), document.baseURI).href, headers: [] }));
    // eslint-disable-next-line prefer-rest-params
    return Reflect.apply(open, this, arguments);
  };
  const setHeaderWrapper = function setRequestHeader_(this: XMLHttpRequest, name: string, value: string) {
    // The original runs first: if it throws (wrong state), nothing is recorded.
    // eslint-disable-next-line prefer-rest-params
    const result = Reflect.apply(setRequestHeader, this, arguments);
    ctx.guard(() => pending.get(this)?.headers.push([String(name), String(value)]));
    return result;
  };
  const sendWrapper = function send_(this: XMLHttpRequest) {
    const xhr = this;
    ctx.guard(() => {
      const p = pending.get(xhr);
      // Anything but OPENED makes the original throw: then nothing was sent.
      if (!p || xhr.readyState !== 1) return;
      pending.delete(xhr);
      const id = ctx.newId('x');
      const { headers, token } = sanitizeHeaders(p.headers, ctx.tokenRef);
      const axiosId = linkAxios(p.method, p.url);
      ctx.emit({
        type: 'request-start', t: ctx.now(), id, transport: 'xhr', method: clip(p.method), url: clip(redactUrl(p.url)), headers,
        ...(token ? { token } : {}), ...(axiosId ? { axiosId } : {}),
      });
      let error: 'abort' | 'timeout' | 'network' | undefined;
      const onAbort = () => (error = 'abort');
      const onTimeout = () => (error = 'timeout');
      const onError = () => (error = 'network');
      const onLoadEnd = () =>
        ctx.guard(() => {
          xhr.removeEventListener('abort', onAbort);
          xhr.removeEventListener('timeout', onTimeout);
          xhr.removeEventListener('error', onError);
          xhr.removeEventListener('loadend', onLoadEnd);
          ctx.emit({ type: 'request-end', t: ctx.now(), id, status: xhr.status, ...(error ? { error } : {}) });
        });
      xhr.addEventListener('abort', onAbort);
      xhr.addEventListener('timeout', onTimeout);
      xhr.addEventListener('error', onError);
      xhr.addEventListener('loadend', onLoadEnd);
    });
    // eslint-disable-next-line prefer-rest-params
    return Reflect.apply(send, this, arguments);
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
