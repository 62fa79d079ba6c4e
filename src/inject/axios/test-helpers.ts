/**
 * Test support (not bundled): a recording InjectContext and ways to load a
 * fresh copy of axios after the hooks are installed, as a page would: the
 * ESM bundle (what an app bundler ships) under a unique URL, or a UMD bundle
 * evaluated as global code (a <script> tag).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AxiosStatic } from 'axios';
import { isPageEvent, type AxiosStepEvent, type PageEvent } from '../../protocol';
import { TokenIdentity } from '../../tokens';
import { reusedStepEvent, type EventInit, type InjectContext } from '../context';

export interface Recorder {
  ctx: InjectContext;
  events: EventInit[];
  /** Events the protocol validator refuses (a batch holding one is dropped whole): must stay empty. */
  invalid: EventInit[];
  steps(id?: string): AxiosStepEvent[];
  errors: unknown[];
}

export function recorder(): Recorder {
  const identity = new TokenIdentity();
  identity.setSalt('test-salt');
  const events: EventInit[] = [];
  const invalid: EventInit[] = [];
  const errors: unknown[] = [];
  let n = 0;
  let clock = Date.now();
  const ctx: InjectContext = {
    emit: (raw) => {
      // As the batch writes it: a field left undefined is not sent at all.
      const e = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as EventInit;
      events.push(e);
      if (!isPageEvent({ ...e, seq: 0 })) invalid.push(e);
    },
    stepEvent: reusedStepEvent(),
    // Strictly increasing, so "a before b" is a comparison of t.
    now: () => (clock += 1),
    newId: (prefix) => `${prefix}${++n}`,
    lastIdNumber: () => n,
    tokenRef: (raw) => identity.ref(raw),
    guard(fn) {
      try {
        return fn();
      } catch (error) {
        errors.push(error);
        return undefined;
      }
    },
  };
  const steps = (id?: string) =>
    events.filter((e): e is Omit<AxiosStepEvent, 'seq'> & { seq: number } => e.type === 'axios-step' && (id === undefined || e.id === id)) as AxiosStepEvent[];
  return { ctx, events, invalid, steps, errors };
}

export type Event<T extends PageEvent['type']> = Extract<EventInit, { type: T }>;

const require = createRequire(import.meta.url);
const axios1Dir = dirname(require.resolve('axios/package.json'));
const axios027Dir = dirname(require.resolve('axios-0.27/package.json'));
const axios021Dir = dirname(require.resolve('axios-0.21/package.json'));
let fresh = 0;

/** A new evaluation of axios 1.x's ESM bundle: what a bundled app runs. */
export async function importFreshAxios1(): Promise<AxiosStatic> {
  const url = `${pathToFileURL(join(axios1Dir, 'dist/esm/axios.js')).href}?fresh=${++fresh}`;
  return ((await import(/* @vite-ignore */ url)) as { default: AxiosStatic }).default;
}

/** Evaluates a UMD bundle as global code, as a <script> tag would, and takes its `window.axios`. */
export function scriptTagAxios(version: '1' | '0.27' | '0.21', minified = false): AxiosStatic {
  const file = join(version === '1' ? axios1Dir : version === '0.27' ? axios027Dir : axios021Dir, minified ? 'dist/axios.min.js' : 'dist/axios.js');
  const g = globalThis as { axios?: AxiosStatic };
  const before = g.axios;
  (0, eval)(readFileSync(file, 'utf8'));
  const loaded = g.axios!;
  g.axios = before;
  if (before === undefined) delete g.axios;
  return loaded;
}

type Answer = { status: number; data?: unknown } | 'network-error';

/**
 * A zero-latency adapter that answers like a server: `answer(config)` picks
 * the status (it sees the headers the request carries). Errors are built as
 * axios's own settle() builds them, with the copy's AxiosError when given.
 */
export function serverAdapter(answer: (config: Record<string, unknown>) => Answer = () => ({ status: 200 }), AxiosError?: new (...args: unknown[]) => Error) {
  return (config: Record<string, unknown>) =>
    new Promise((resolve, reject) => {
      const a = answer(config);
      const makeError = (message: string, code: string, response?: unknown) =>
        AxiosError ? new AxiosError(message, code, config, {}, response) : Object.assign(new Error(message), { code, config, response, isAxiosError: true });
      if (a === 'network-error') return reject(makeError('Network Error', 'ERR_NETWORK'));
      const response = { data: a.data ?? { ok: true }, status: a.status, statusText: String(a.status), headers: {}, config, request: {} };
      const validate = config.validateStatus as ((s: number) => boolean) | undefined;
      if (!validate || validate(a.status)) resolve(response);
      else reject(makeError(`Request failed with status code ${a.status}`, a.status < 500 ? 'ERR_BAD_REQUEST' : 'ERR_BAD_RESPONSE', response));
    });
}

/** Always answers `status`. */
export function fakeAdapter(status = 200, data: unknown = { ok: true }) {
  return serverAdapter(() => ({ status, data }));
}

/** A new evaluation of axios 0.21.1's CommonJS source: before runWhen, synchronous interceptors and VERSION. */
export function requireFresh021(): AxiosStatic {
  for (const key of Object.keys(require.cache)) if (key.startsWith(axios021Dir)) delete require.cache[key];
  return require(axios021Dir) as AxiosStatic;
}

/** A new evaluation of axios 0.27's CommonJS source (what webpack bundles for a 0.x app). */
export function requireFresh027(): AxiosStatic {
  for (const key of Object.keys(require.cache)) if (key.startsWith(axios027Dir)) delete require.cache[key];
  return require(axios027Dir) as AxiosStatic;
}

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  axiosId: string | undefined;
}

/**
 * Just enough XMLHttpRequest for axios's xhr adapter, answering in a
 * microtask. `send` asks `link` which axios call it serves, as the lead's
 * XHR hook does.
 */
export function fakeXhrClass(link: (method: string, url: string) => string | undefined, status = 200, body = '{"ok":true}') {
  const sent: SentRequest[] = [];
  class FakeXHR {
    readyState = 0;
    status = 0;
    statusText = '';
    responseText = '';
    response: unknown = '';
    responseURL = '';
    responseType = '';
    timeout = 0;
    withCredentials = false;
    onloadend: null | (() => void) = null;
    onreadystatechange: null | (() => void) = null;
    onabort: null | (() => void) = null;
    onerror: null | (() => void) = null;
    ontimeout: null | (() => void) = null;
    private method = '';
    private url = '';
    private headers: Record<string, string> = {};
    open(method: string, url: string) {
      this.method = method;
      this.url = new URL(url, document.baseURI).href;
      this.readyState = 1;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    getAllResponseHeaders() {
      return 'content-type: application/json\r\n';
    }
    addEventListener() {}
    removeEventListener() {}
    abort() {}
    send() {
      sent.push({ method: this.method, url: this.url, headers: this.headers, axiosId: link(this.method, this.url) });
      queueMicrotask(() => {
        this.readyState = 4;
        this.status = status;
        this.statusText = String(status);
        this.responseText = body;
        this.response = body;
        this.responseURL = this.url;
        this.onreadystatechange?.();
        this.onloadend?.();
      });
    }
  }
  return { FakeXHR, sent };
}

/**
 * Makes `rec` also append '@<step>' to `log` for every axios step it records,
 * in the order emitted, so a test can put the app's own calls in the same list.
 */
export function logSteps(rec: Recorder, log: string[]): void {
  const emit = rec.ctx.emit;
  rec.ctx.emit = (e) => {
    if (e.type === 'axios-step') log.push(`@${e.step}`);
    emit(e);
  };
}

/** The step names of one axios call, in emission order, checking that time never goes back. */
export function stepNames(rec: Recorder, id: string): string[] {
  const steps = rec.steps(id);
  for (let i = 1; i < steps.length; i++) if (steps[i].t < steps[i - 1].t) throw new Error(`time went back in ${id}`);
  return steps.map((s) => s.step);
}

/** The id of the last call that entered axios. */
export function lastEnter(rec: Recorder): AxiosStepEvent {
  const enters = rec.steps().filter((s) => s.step === 'enter');
  return enters[enters.length - 1];
}

/** The instance announced last (announcements are made in a microtask: await one first). */
export function lastInstance(rec: Recorder): Event<'axios-instance'> {
  const all = rec.events.filter((e): e is Event<'axios-instance'> => e.type === 'axios-instance');
  return all[all.length - 1];
}

/** How many microtasks the caller of `call` waits for its promise to settle, counted by a spinning promise loop. */
export async function microtasksWaited(call: () => Promise<unknown>): Promise<number> {
  let n = 0;
  let done = false;
  const stop = () => {
    done = true;
  };
  const p = call().then(stop, stop);
  while (!done) {
    n++;
    await null;
  }
  await p;
  return n;
}
