/**
 * Invisible to the page: every fixture page runs in Chromium without the
 * extension and with it, and everything the page can see must be the same:
 * each call's response (status, body, headers) or error (name, message, axios
 * code), the order calls settled in, what the app's interceptors saw, the
 * page's own log and DOM, window.onerror / unhandledrejection, the console,
 * the browser's resource entries, and (server side) every request the server
 * received with its header lines in the order they arrived.
 *
 * Nothing is normalised: the fixture server answers the same bytes on every
 * run (scripted order of answers, deterministic tokens, no Date header). The
 * only reordering is of the server's arrival list, which concurrent
 * connections shuffle on their own; the page's log keeps the order the page saw.
 *
 * When the two runs differ, both captures and the differences are written to
 * test-results/invisible/<case>.json.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES, startFixtureSite, type FixtureCase, type FixtureSite } from './fixtures/invisible/site';
import { differences, instrumentedHere, launchBoth, openListening, pollUntil, type Mode } from './support/differential';
import { EXTENSION_DIR, openPanelFor } from './support/extension';

interface Capture {
  /** window.__result: the page's log lines, each call's outcome, onerror/unhandledrejection, resource entries. */
  page: { lines: string[]; results: Record<string, { value?: string } & Record<string, unknown>>; errors: string[]; resources: string[]; extra: unknown };
  /** The page as rendered text (its DOM log included). */
  dom: string;
  pageErrors: string[];
  /** Console messages; sorted, because network errors and page logs reach the console on different paths. */
  console: string[];
  /** What the server received, header lines as they arrived; sorted (concurrent requests arrive in any order). */
  received: string[];
}

const OUT = resolve(import.meta.dirname, '../test-results/invisible');
const SCREENSHOTS = resolve(import.meta.dirname, '../test-results/screenshots');

let both: Awaited<ReturnType<typeof launchBoth>>;
let site: FixtureSite;

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  site = await startFixtureSite();
  both = await launchBoth();
  // A first page per browser, not compared: a fresh browser's first requests can be slow to deliver.
  for (const mode of [both.bare, both.extension]) await run(mode, CASES.matrix.find((c) => c.name === 'mixed-copies')!);
});

afterAll(async () => {
  await both?.close();
  await site?.close();
});

async function run(mode: Mode, c: FixtureCase, keepOpen = false) {
  site.reset();
  await mode.context.clearCookies();
  const { page, heard } = await openListening(mode.context);
  await page.goto(`${site.url}/page/${c.name}`);
  await page.locator('body[data-done="1"]').waitFor({ timeout: 20_000 });
  // The page's last console line; the ones before it on the same path are in.
  await pollUntil(() => heard.console.includes('log: fixture done'), 'the console line "fixture done"');
  const capture: Capture = {
    page: JSON.parse(await page.evaluate(() => (window as unknown as { __result: string }).__result)),
    dom: await page.locator('body').innerText(),
    pageErrors: heard.pageErrors,
    console: [...heard.console].sort(),
    received: site.received.map((r) => JSON.stringify(r)).sort(),
  };
  const hooked = mode.name === 'extension' ? await instrumentedHere(page) : undefined;
  if (!keepOpen) await page.close();
  return { capture, hooked, page };
}

/** Both runs, one after the other, and where they differ. */
async function differential(c: FixtureCase) {
  const bare = await run(both.bare, c);
  const ext = await run(both.extension, c);
  // Not vacuous: our page script ran in the instrumented page, and the fixture ran to its end.
  expect(ext.hooked, 'the page script ran').toEqual({ pageScript: true, axiosHook: true });
  expect(bare.capture.page.errors.filter((e) => e.startsWith('fixture crashed')), 'the fixture ran to its end').toEqual([]);
  const diff = differences(bare.capture, ext.capture);
  if (diff.length > 0) {
    mkdirSync(OUT, { recursive: true });
    writeFileSync(`${OUT}/${c.name}.json`, JSON.stringify({ differences: diff, bare: bare.capture, extension: ext.capture }, null, 2));
  }
  return { bare: bare.capture, ext: ext.capture, diff };
}

describe('axios 0.27 and 1.x, xhr and fetch, several instances and copies: the page sees the same', () => {
  for (const c of CASES.matrix) {
    it(`${c.name}: ${c.about}`, async () => {
      const { bare, diff } = await differential(c);
      expect(diff).toEqual([]);
      if (c.name.startsWith('matrix')) {
        // The workload really ran: successes, a shared refresh and two replays, every kind of failure.
        const outcomes = JSON.stringify(bare.page.results);
        for (const code of ['ERR_NETWORK', 'ERR_CANCELED', 'ERR_BAD_RESPONSE', 'ERR_BAD_REQUEST']) expect(outcomes).toContain(code);
        expect(outcomes).toMatch(/ECONNABORTED|ETIMEDOUT/);
        expect(bare.page.lines.filter((l) => l === 'b refreshed')).toHaveLength(1);
        expect(bare.received.filter((r) => r.includes('"/api/protected?id=b1"'))).toHaveLength(2);
      }
    });
  }
});

describe('the real axios-auth-refresh from npm: the page sees the same', () => {
  for (const c of CASES.authRefresh) {
    it(`${c.name}: ${c.about}`, async () => {
      const { bare, diff } = await differential(c);
      expect(diff).toEqual([]);
      expect(bare.page.lines.filter((l) => l.startsWith('plain refreshed'))).toHaveLength(1);
      expect(bare.page.lines.filter((l) => l.startsWith('shared refreshed'))).toHaveLength(1);
      expect(bare.page.results['plain sent during the refresh']).toMatchObject({ ok: { status: 200 } });
    });
  }

  // Not vacuous: the extension saw the library's 401s, its refresh and its replays.
  // (The request axios-auth-refresh holds during the refresh, /api/protected?id=late,
  // is shown as queued on some runs and as normal on others: a finding for the
  // trace model, not for this file.)
  for (const name of ['auth-refresh-1.x-xhr', 'auth-refresh-0.27-xhr']) {
    it(`and the extension really saw it (${name}): the panel shows the expired requests, the refresh and the replays`, async () => {
      const { page } = await run(both.extension, CASES.authRefresh.find((c) => c.name === name)!, true);
      const panel = await openPanelFor(both.extension.lab!, page);
      await panel.getByTestId('view-list').click();
      const roles = () => panel.locator('[data-testid=request-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-role')));
      await expect.poll(async () => [...new Set(await roles())]).toEqual(expect.arrayContaining(['expired', 'refresh', 'replay']));
      mkdirSync(SCREENSHOTS, { recursive: true });
      await panel.screenshot({ path: `${SCREENSHOTS}/invisible-${name}.png` });
      await panel.close();
      await page.close();
    });
  }
});

describe('order decided within one task (zero-latency adapters)', () => {
  for (const c of CASES.microtasks) {
    it(`${c.name}: the page sees the same order of completion between instances`, async () => {
      const { bare, ext } = await differential(c);
      expect(bare.page.lines.length).toBeGreaterThan(80);
      expect(differences(bare.page.lines, ext.page.lines)).toEqual([]);
      expect(differences(bare.page.results, ext.page.results)).toEqual([]);
    });

    // 0.x hands the caller its chain's last promise; an instance without a
    // response interceptor (or in synchronous mode) is seen through the adapter
    // lent for the dispatch (src/inject/axios/lent-adapter.ts), not a link.
    it(`${c.name}: a caller waits the same number of microtasks, whatever the instance's interceptors`, async () => {
      const { bare, ext } = await differential(c);
      const before = (bare.page.extra as { waited: Record<string, number> }).waited;
      const after = (ext.page.extra as { waited: Record<string, number> }).waited;
      expect(Object.keys(before)).toHaveLength(14);
      expect(after).toEqual(before);
    });
  }
});

describe('pages that freeze, replace, proxy or break what we hook: no exception of ours reaches them, and they work the same', () => {
  for (const c of CASES.hostile) {
    it(`${c.name}: ${c.about}`, async () => {
      const { bare, diff } = await differential(c);
      expect(diff).toEqual([]);
      // The page's own error handlers work, and its deliberate unhandled rejection reached them.
      expect(bare.page.errors).toContain('unhandledrejection: Error: a rejection the page leaves unhandled');
    });
  }
});

describe('errors the page leaves unhandled still reach its own handlers', () => {
  it(`${CASES.unhandled[0].name}: ${CASES.unhandled[0].about}`, async () => {
    const { bare, diff } = await differential(CASES.unhandled[0]);
    expect(diff).toEqual([]);
    expect(bare.page.errors.length).toBeGreaterThanOrEqual(5);
  });
});

/**
 * Differences src/inject/axios/README.md ("Known gaps") documents as the price
 * of finding bundled axios instances, each checked to be exactly that.
 */
const DOCUMENTED_GAPS: Record<string, (bare: string | undefined, ext: string | undefined) => boolean> = {
  'Function.prototype own names': (b, e) => JSON.stringify(['Axios', 'create', 'interceptors', ...JSON.parse(b!)].sort()) === e,
  // The opt-in register hook, documented in the README.
  'window own names': (b, e) => JSON.stringify([...JSON.parse(b!), '__REFRESH_LENS__'].sort()) === e,
  '"Axios" in a function': (b, e) => b === 'false' && e === 'true',
  '"create" in a function': (b, e) => b === 'false' && e === 'true',
  'assign to a frozen function in strict mode': (b, e) => b === undefined && e === 'no error',
};
/** "Error stacks show one more frame": exactly one, ours, on top. */
function oneMoreFrame(bare: unknown, ext: unknown): boolean {
  const frames = (v: unknown) => (v as { ok?: { value?: string }; value?: string })?.ok?.value ?? (v as { value?: string })?.value;
  const b = JSON.parse(frames(bare) ?? 'null') as { error: string; frames: string[] } | null;
  const e = JSON.parse(frames(ext) ?? 'null') as { error: string; frames: string[] } | null;
  return !!b && !!e && b.error === e.error && e.frames.length === b.frames.length + 1 && JSON.stringify(e.frames.slice(1)) === JSON.stringify(b.frames);
}

describe('the reflective face of what we wrap', () => {
  it(`${CASES.reflection[0].name}: ${CASES.reflection[0].about}; only the README's known gaps differ`, async () => {
    const { bare, ext } = await differential(CASES.reflection[0]);
    const { results: b, ...restBare } = bare.page;
    const { results: e, ...restExt } = ext.page;
    expect(differences({ ...bare, page: restBare }, { ...ext, page: restExt })).toEqual([]);
    const undocumented: string[] = [];
    for (const key of new Set([...Object.keys(b), ...Object.keys(e)])) {
      if (JSON.stringify(b[key]) === JSON.stringify(e[key])) continue;
      const gap = DOCUMENTED_GAPS[key];
      const value = (r: (typeof b)[string] | undefined) => (r && 'value' in r ? r.value : undefined);
      if (gap ? gap(value(b[key]), value(e[key])) : key.startsWith('stack') && oneMoreFrame(b[key], e[key])) continue;
      undocumented.push(...differences(b[key], e[key], key));
    }
    expect(undocumented).toEqual([]);
    // Each documented gap is really there (the probe is not blind).
    for (const key of Object.keys(DOCUMENTED_GAPS)) expect(JSON.stringify(b[key]), key).not.toBe(JSON.stringify(e[key]));
  });
});

describe('the content scripts as built', () => {
  // The bundler writes the directive only for a source that says it: a sloppy
  // build hands what we wrap the window for a missing receiver (the
  // reflective face above), and pays for it on every call.
  it('are strict code, every one the manifest loads', () => {
    const manifest = JSON.parse(readFileSync(resolve(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { content_scripts: Array<{ js: string[] }> };
    const files = manifest.content_scripts.flatMap((c) => c.js);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) expect(readFileSync(resolve(EXTENSION_DIR, file), 'utf8').trimStart().slice(0, 13), file).toBe('"use strict";');
  });
});
