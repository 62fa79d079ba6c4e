import type { InjectContext } from './context';
import { disguise, isWrapped, markWrapped } from './disguise';
import { clip, headerEntries, redactUrl, sanitizeHeaders } from './request-headers';
import type { AxiosLinker } from './transport-link';

interface Described {
  method: string;
  url: string;
  headers: Array<[string, string]>;
}

// Captured when the hook installs, before any page script: a page (or Zone.js)
// that replaces these later must neither break us nor see our calls.
const URLCtor = URL;
const RequestCtor = typeof Request === 'undefined' ? undefined : Request;
const then = Promise.prototype.then;

/** Method, absolute URL and headers of a fetch call, read without touching any body. */
function describe(input: unknown, init: RequestInit | undefined): Described {
  const isRequest = RequestCtor !== undefined && input instanceof RequestCtor;
  const rawUrl = isRequest ? (input as Request).url : String(input);
  const method = (init?.method ?? (isRequest ? (input as Request).method : 'GET')).toUpperCase();
  const headers = init?.headers !== undefined ? headerEntries(init.headers) : isRequest ? headerEntries((input as Request).headers) : [];
  return { method, url: new URLCtor(rawUrl, document.baseURI).href, headers };
}

/**
 * Observes window.fetch. The page gets the very promise the original fetch
 * returned (the genuine Response, the genuine rejection); we only attach
 * handlers to it, and read neither bodies nor streams.
 */
export function installFetchHook(ctx: InjectContext, linkAxios: AxiosLinker): void {
  const original = window.fetch;
  if (typeof original !== 'function' || isWrapped(original)) return;

  const wrapper = function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
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
    const promise: Promise<Response> = Reflect.apply(original, this, arguments);
    if (id !== undefined) {
      // The native then: a then patched by Zone.js would schedule zone tasks
      // (and Angular change detection) for our observation.
      ctx.guard(() =>
        Reflect.apply(then, promise, [
          (response: Response) => ctx.guard(() => ctx.emit({ type: 'request-end', t: ctx.now(), id, status: response.status })),
          (error: unknown) =>
            ctx.guard(() => {
              const aborted = typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
              ctx.emit({ type: 'request-end', t: ctx.now(), id, status: 0, error: aborted ? 'abort' : 'network' });
            }),
        ]),
      );
    }
    return promise;
  };
  disguise(wrapper, original);
  markWrapped(wrapper);
  window.fetch = wrapper;
}
