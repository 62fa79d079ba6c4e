import type { InjectContext } from './context';
import { disguise, isWrapped, markWrapped } from './disguise';
import { clip, redactUrl, sanitizeHeaders } from './request-headers';
import { absoluteUrl, dataProp, headerPairs, primitiveText, requestParts, UNKNOWN, viaGetter } from './safe-read';
import { apply, upper } from '../protocol/intrinsics';
import type { AxiosLinker } from './transport-link';

interface Described {
  method: string;
  url: string;
  headers: Array<[string, string]>;
}

// Captured when the hook installs, before any page script: a page (or Zone.js)
// that replaces it later must neither break us nor see our calls.
const then = Promise.prototype.then;
const responseStatus = Object.getOwnPropertyDescriptor(Response.prototype, 'status')?.get;
// fetch rejects an abort with a DOMException (name is a native getter), or with the signal's own reason.
const exceptionName = Object.getOwnPropertyDescriptor(DOMException.prototype, 'name')?.get;

/**
 * Method, absolute URL and headers of a fetch call, read without touching
 * any body and without running page code (safe-read.ts): the native fetch
 * reads the page's getters and conversions once, and so must the page see
 * them read once. What only page code could tell is recorded as UNKNOWN.
 */
function describe(input: unknown, init: unknown): Described {
  const request = requestParts(input);
  const method = dataProp(init, 'method');
  const headers = dataProp(init, 'headers');
  const methodText = method.known ? (method.value === undefined ? request?.method ?? 'GET' : primitiveText(method.value)) : undefined;
  return {
    method: methodText === undefined ? UNKNOWN : upper(methodText),
    url: request ? request.url : absoluteUrl(input),
    headers: !headers.known ? [] : headers.value !== undefined ? headerPairs(headers.value) : request ? headerPairs(request.headers) : [],
  };
}

/**
 * Observes window.fetch. The page gets a promise derived from the one the
 * original fetch returned: the genuine Response, the genuine rejection, and
 * a rejection it leaves unhandled stays unhandled (our handler marks only the
 * original as handled). We read neither bodies nor streams.
 */
export function installFetchHook(ctx: InjectContext, linkAxios: AxiosLinker): void {
  const original = window.fetch;
  if (typeof original !== 'function' || isWrapped(original)) return;

  // A method: like the native fetch it has no prototype and cannot be constructed.
  const wrapper = {
    fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const id = ctx.guard(() => {
      const d = describe(input, init);
      const { headers, token } = sanitizeHeaders(d.headers, ctx.tokenRef);
      const requestId = ctx.newId('f');
      const axiosId = linkAxios(d.method, d.url);
      ctx.emit({
        type: 'request-start', t: ctx.now(), id: requestId, transport: 'fetch', method: clip(d.method), url: clip(redactUrl(d.url)), headers,
        ...(token ? { token } : {}), ...(axiosId ? { axiosId } : {}),
      });
      return requestId;
    });
    // eslint-disable-next-line prefer-rest-params
    const promise: Promise<Response> = apply(original, this, arguments);
    if (id === undefined) return promise;
    // The native then: a then patched by Zone.js would schedule zone tasks
    // (and Angular change detection) for our observation.
    const derived = ctx.guard(() =>
      apply(then, promise, [
        (response: Response) => {
          ctx.guard(() => ctx.emit({ type: 'request-end', t: ctx.now(), id, status: viaGetter<number>(responseStatus, response) ?? 0 }));
          return response;
        },
        (error: unknown) => {
          ctx.guard(() => {
            const aborted = (viaGetter<string>(exceptionName, error) ?? dataProp(error, 'name').value) === 'AbortError';
            ctx.emit({ type: 'request-end', t: ctx.now(), id, status: 0, error: aborted ? 'abort' : 'network' });
          });
          throw error;
        },
      ]) as Promise<Response>,
    );
    return derived ?? promise;
    },
  }.fetch;
  disguise(wrapper, original);
  markWrapped(wrapper);
  window.fetch = wrapper;
}
