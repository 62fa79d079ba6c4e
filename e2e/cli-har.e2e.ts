/**
 * `refresh-lens analyze` on a HAR that Playwright's recordHar wrote while a
 * demo scenario ran in a browser WITHOUT the extension, against `record` of
 * the same scenario. A HAR is the network only: no axios view, so no caller
 * outcomes and no request that was queued and never sent. What must match is
 * what the network shows: the episodes, each one's expired requests, refresh
 * count and replays in the order sent (by method and URL, since ids differ),
 * the error rules and so the exit status. Scenarios whose verdict rests on
 * calls that never reached the network (proactive's queue, refresh-fails'
 * stranded waiters) cannot match and are left out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../src/trace/report/json-report';
import { findChromium } from './support/chromium';
import { assertCliBuilt, reportOf, runCli } from './support/cli';
import { runScenario, startDemo, type Scenario } from './support/demo';

/**
 * The HAR and the recording come from two runs of the scenario, so only what
 * every run does alike can be compared. In the stampede, whether a later
 * refresh still finds the refresh token unspent is a race (its 401 arrives
 * as the first refresh answers), so which requests get replayed varies.
 */
const NETWORK_VISIBLE: Partial<Record<Scenario, { racyReplays?: true }>> = {
  reactive: {},
  stampede: { racyReplays: true },
  'out-of-order': {},
  'first-only': {},
};

let demo: Awaited<ReturnType<typeof startDemo>>;
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'refresh-lens-har-e2e-'));

beforeAll(async () => {
  assertCliBuilt();
  demo = await startDemo();
  browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the scenario in a context without the extension; the HAR is written when the context closes. */
async function recordHar(scenario: Scenario): Promise<string> {
  const path = join(dir, `${scenario}.har`);
  const context = await browser.newContext({ recordHar: { path } });
  await runScenario(await context.newPage(), demo.url, scenario);
  await context.close();
  return path;
}

/** The parts of a report the network alone determines, with requests named by method and URL. */
function networkView(r: JsonReport, racyReplays = false) {
  const byId = new Map(r.requests.map((q) => [q.id, q]));
  const name = (id: string) => {
    const { method, url } = byId.get(id)!;
    const { pathname, search } = new URL(url, 'http://origin');
    return `${method} ${pathname}${search}`;
  };
  return {
    episodes: r.episodes.map((e) => ({
      expired: e.expired.map(name).sort(),
      refreshes: e.refreshes.length,
      // As a set: replays sent in the same millisecond have no order in a HAR.
      // Whether the order was wrong is compared through the error rules below.
      replays: racyReplays ? 'not compared' : e.replays.map(name).sort(),
    })),
    errors: [...new Set(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule))].sort(),
  };
}

/**
 * Whether a HAR shows replays going out in another order than their
 * originals: only sends stamped in different whole milliseconds have a
 * known order in a HAR.
 */
function inversionShowsInHar(r: JsonReport): boolean {
  const sent = new Map(r.requests.map((q) => [q.id, q.sent ?? q.start]));
  const pairs = r.requests.filter((q) => q.role === 'replay' && q.replayOf !== null).map((q) => ({ replay: sent.get(q.id)!, original: sent.get(q.replayOf!)! }));
  return pairs.some((p) => pairs.some((q) => q.original < p.original && q.replay > p.replay));
}

describe('analyze a HAR: the same episodes and error diagnostics as the recording', () => {
  for (const [scenario, { racyReplays }] of Object.entries(NETWORK_VISIBLE) as Array<[Scenario, { racyReplays?: true }]>) {
    it(scenario, async () => {
      const recorded = await runCli(['record', `${demo.url}/?scenario=${scenario}&run=1`, '--json']);
      const har = await runCli(['analyze', await recordHar(scenario), '--json']);
      const fromHar = networkView(reportOf(har), racyReplays);
      const fromRecording = networkView(reportOf(recorded), racyReplays);
      if (fromRecording.errors.includes('replay-out-of-order') && !inversionShowsInHar(reportOf(har))) {
        // The replays went out in one task; when no two inverted ones fall in
        // different milliseconds, a HAR cannot say their order (the recording can).
        fromRecording.errors = fromRecording.errors.filter((rule) => rule !== 'replay-out-of-order');
      }
      expect(fromHar).toEqual(fromRecording);
      expect(har.status).toBe(fromHar.errors.length > 0 ? 1 : 0);
      expect(recorded.status).toBe(reportOf(recorded).diagnostics.some((d) => d.severity === 'error') ? 1 : 0);
    });
  }

  it('prints the readable report for a HAR, saying it has no axios view', async () => {
    const run = await runCli(['analyze', await recordHar('stampede')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^Refresh Lens report: .*stampede\.har \(HAR: network only, no axios view\)$/m);
    expect(run.stdout).toMatch(/^ {2}ERROR {3}refresh-stampede/m);
  });
});
