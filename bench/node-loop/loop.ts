/**
 * One child of compare-node.ts: the axios-overhead bench page's zero-latency
 * loop, in Node, with the page script's axios hooks from the source tree at
 * SRC (or none: `bare`), recording into a real batcher, batching as the
 * page script does (PAGE_BATCHING; WRITE_EVERY: another writeEvery), whose
 * batches go nowhere. Prints one JSON line: the median CPU µs per request over ROUNDS
 * loops of N requests, after one loop of warm-up.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { InjectContext } from '../../src/inject/context';

const [mode = 'bare', src = resolve(import.meta.dirname, '../../src')] = process.argv.slice(2);
const N = Number(process.env.N ?? 20000);
const ROUNDS = Number(process.env.ROUNDS ?? 15);
const AXIOS = process.env.AXIOS_FILE ?? resolve(import.meta.dirname, '../../node_modules/axios/dist/axios.min.js');

/**
 * The tree's page-script modules bundled into one file, as the extension's
 * build bundles them: loaded module by module through tsx, every name one
 * module takes from another is read through a getter, which made calls
 * across modules (a built-in taken in intrinsics.ts, say) cost far more in
 * Node than in the page (reading a call's number out of its id cost 1.1 µs a
 * request here and nothing measurable in Chromium). TSX_MODULES=1: as before.
 * The file sits in a folder named src, so count-functions.ts counts its
 * functions as ours.
 */
async function loadTree(tree: string): Promise<Record<string, any>> {
  const has = (path: string) => existsSync(join(tree, path));
  if (process.env.TSX_MODULES) {
    return {
      ...(await import(`${tree}/tokens/index.ts`)),
      ...(await import(`${tree}/inject/batcher.ts`)),
      ...(await import(`${tree}/inject/axios/index.ts`)),
      ids: has('inject/ids.ts') ? await import(`${tree}/inject/ids.ts`) : undefined,
    };
  }
  const { build } = await import('vite');
  const dir = mkdtempSync(join(tmpdir(), 'node-loop-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const from = (path: string) => JSON.stringify(join(tree, path));
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    [
      `export { TokenIdentity } from ${from('tokens/index.ts')};`,
      `export * from ${from('inject/batcher.ts')};`,
      `export { installAxiosHooks } from ${from('inject/axios/index.ts')};`,
      has('inject/ids.ts') ? `export * as ids from ${from('inject/ids.ts')};` : 'export const ids = undefined;',
    ].join('\n'),
  );
  const out = join(dir, 'src', 'page-script.mjs');
  await build({
    configFile: false,
    logLevel: 'error',
    build: { outDir: join(dir, 'src'), emptyOutDir: false, minify: false, lib: { entry, formats: ['es'], fileName: () => 'page-script.mjs' } },
  });
  return import(pathToFileURL(out).href);
}

if (mode !== 'bare') {
  const tree = await loadTree(src);
  const { TokenIdentity, Batcher, PAGE_BATCHING, installAxiosHooks } = tree;
  const identity = new TokenIdentity();
  identity.setSalt('salt');
  const origin = performance.timeOrigin;
  const batcher = new Batcher({
    // As the page script batches (a tree from before PAGE_BATCHING: as it did then).
    ...(PAGE_BATCHING ?? { maxEvents: 1000, maxBytes: 1 << 20, maxDelayMs: 50, capacity: 20_000 }),
    // WRITE_EVERY: another size for the runs events are encoded in.
    ...(process.env.WRITE_EVERY ? { writeEvery: Number(process.env.WRITE_EVERY) } : {}),
    origin,
    send: () => {},
    setTimer: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimer: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout),
    onHide: () => {},
  });
  batcher.connect();
  // As the page script makes ids (a tree older than ids.ts: as it did then).
  let counter = 0;
  const ids = tree.ids;
  // A tree with ids.ts's Ids also tells the number of the id made last (the page script's context does).
  const idCounter = ids?.Ids ? new ids.Ids() : undefined;
  const newId: InjectContext['newId'] = idCounter ? (prefix) => idCounter.next(prefix) : ids ? ids.idMaker() : (prefix) => `${prefix}${++counter}`;
  const lastIdNumber = idCounter ? () => idCounter.last as number : undefined;
  const ctx: InjectContext = {
    // VARIANT=hooks: the hooks run, nothing is recorded (how the cost splits).
    emit: process.env.VARIANT === 'hooks' ? () => {} : (event) => batcher.push(event),
    // A tree from before the batcher handed out its kept objects: the tracker's own is used.
    stepEvent: typeof batcher.nextStep === 'function' ? () => batcher.nextStep() : () => ({}) as ReturnType<InjectContext['stepEvent']>,
    // A tree from before the batcher recorded steps without an event object: none.
    ...(typeof batcher.repeatStep === 'function' && process.env.VARIANT !== 'hooks'
      ? { repeatStep: (index: number, t: number, id: string, n: number, instanceId: string, a: unknown, b: unknown, c: unknown, d: unknown) => batcher.repeatStep(index, t, id, n, instanceId, a, b, c, d) }
      : {}),
    now: process.env.CLOCK === 'fixed' ? () => origin + 1 : () => origin + performance.now(),
    newId,
    ...(lastIdNumber ? { lastIdNumber } : {}),
    tokenRef: (raw) => identity.ref(raw),
    guard(fn) {
      try {
        return fn();
      } catch {
        return undefined;
      }
    },
  };
  installAxiosHooks(ctx);
}

// As the bench page loads it: a <script> tag's global code, after our hooks.
(0, eval)(readFileSync(AXIOS, 'utf8'));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const axios = (globalThis as any).axios;
const b64 = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const JWT = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: 'user-42', iat: 1700000000, exp: 4102444800 })}.${btoa('s'.repeat(256))}`;
const api = axios.create({
  baseURL: 'http://127.0.0.1:8080/api',
  adapter: (config: unknown) => Promise.resolve({ data: 'ok', status: 200, statusText: 'OK', headers: {}, config, request: {} }),
});
api.interceptors.request.use((config: { headers: Record<string, string> }) => {
  config.headers.Authorization = `Bearer ${JWT}`;
  return config;
});
api.interceptors.response.use((r: unknown) => r, (e: unknown) => Promise.reject(e));

const loop = async () => {
  for (let i = 0; i < N; i++) await api.get('/zero');
};
await loop();
const samples: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const before = process.cpuUsage();
  await loop();
  const used = process.cpuUsage(before);
  samples.push((used.user + used.system) / N);
}
samples.sort((a, b) => a - b);
console.log(JSON.stringify({ mode, cpuUsPerRequest: samples[samples.length >> 1] }));
