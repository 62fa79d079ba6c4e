/**
 * `refresh-lens record` on every demo scenario, run as a user runs it: the
 * built bin in a child process, --json on stdout, the exit status. Then the
 * written trace analysed again must give the very same report.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonEpisode, JsonReport } from '../src/trace/report/json-report';
import { assertCliBuilt, reportOf, runCli } from './support/cli';
import { SCENARIOS, startDemo, type Scenario } from './support/demo';

let demo: Awaited<ReturnType<typeof startDemo>>;
const dir = mkdtempSync(join(tmpdir(), 'refresh-lens-cli-e2e-'));

beforeAll(async () => {
  assertCliBuilt();
  demo = await startDemo();
});
afterAll(async () => {
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

const errorRules = (r: JsonReport) => [...new Set(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule))].sort();
const rulesOf = (r: JsonReport) => new Set(r.diagnostics.map((d) => d.rule));
const only = (r: JsonReport): JsonEpisode => (expect(r.episodes).toHaveLength(1), r.episodes[0]);
/** The originals of an episode's replays, in the order the replays were sent. */
const originalsOfReplays = (r: JsonReport, e: JsonEpisode) => e.replays.map((id) => r.requests.find((q) => q.id === id)!.replayOf);
/** An episode's expired requests in the order they were sent (`start`) or answered (`responded`). */
function expiredBy(r: JsonReport, e: JsonEpisode, time: 'start' | 'responded'): string[] {
  const at = (id: string) => r.requests.find((q) => q.id === id)![time] ?? Infinity;
  return [...e.expired].sort((a, b) => at(a) - at(b));
}

/**
 * What each demo scenario must give (demo/README.md), beyond the checks every
 * report gets. `errors` must all fire; a broken scenario may trip more rules
 * than its headline one (the stampede's failed refreshes leave requests
 * without a replay: replay-missing), a correct one none.
 */
const EXPECTED: Record<Scenario, { status: 0 | 1; errors: string[]; check(r: JsonReport): void }> = {
  reactive: { status: 0, errors: [], check(r) {
    const e = only(r);
    expect(e).toMatchObject({ outcome: 'recovered', trigger: 'auth-failure' });
    expect([e.expired.length, e.refreshes.length, e.replays.length]).toEqual([5, 1, 5]);
    expect(originalsOfReplays(r, e)).toEqual(expiredBy(r, e, 'start'));
  } },
  proactive: { status: 0, errors: [], check(r) {
    const e = only(r);
    expect(e).toMatchObject({ outcome: 'recovered', trigger: 'proactive', expired: [], replays: [] });
    expect(e.refreshes).toHaveLength(1);
    expect(e.queued).toHaveLength(5);
  } },
  stampede: { status: 1, errors: ['refresh-stampede'], check(r) {
    expect(r.episodes.flatMap((e) => e.refreshes)).toHaveLength(5);
  } },
  'out-of-order': { status: 1, errors: ['replay-out-of-order'], check(r) {
    const e = only(r);
    expect([e.refreshes.length, e.replays.length]).toEqual([1, 5]);
    // The bug: replays follow the order the 401s came back, not the order the originals were sent.
    expect(originalsOfReplays(r, e)).toEqual(expiredBy(r, e, 'responded'));
    expect(originalsOfReplays(r, e)).not.toEqual(expiredBy(r, e, 'start'));
  } },
  'refresh-fails': { status: 1, errors: ['request-stranded'], check(r) {
    expect(rulesOf(r).has('refresh-failed')).toBe(true);
    const e = only(r);
    expect(e.replays).toEqual([]);
    expect(['stranded', 'failed']).toContain(e.outcome);
  } },
  loop: { status: 1, errors: ['retry-loop'], check(r) {
    const replays = r.requests.filter((q) => q.role === 'replay' && q.url.includes('/api/reports'));
    expect(replays.length).toBeGreaterThan(1);
  } },
  'first-only': { status: 1, errors: ['replay-missing'], check(r) {
    expect(r.episodes.flatMap((e) => e.replays)).toHaveLength(1);
  } },
};

/** What holds for every report: episodes name requests with the matching role, replays name their originals. */
function checkConsistency(r: JsonReport): void {
  const byId = new Map(r.requests.map((q) => [q.id, q]));
  for (const e of r.episodes) {
    for (const [list, role] of [[e.expired, 'expired'], [e.queued, 'queued'], [e.refreshes, 'refresh'], [e.replays, 'replay']] as const) {
      for (const id of list) expect(byId.get(id)?.role, `${id} in ${e.id}`).toBe(role);
    }
    const starts = e.replays.map((id) => byId.get(id)!.start);
    expect(starts, `replays of ${e.id} in the order sent`).toEqual([...starts].sort((a, b) => a - b));
    for (const id of e.replays) expect([...e.expired, ...e.queued, ...e.replays]).toContain(byId.get(id)!.replayOf);
  }
  for (const d of r.diagnostics) for (const id of d.requests) expect(byId.has(id), `${d.rule} names ${id}`).toBe(true);
}

describe('record: every demo scenario', () => {
  for (const scenario of SCENARIOS) {
    it(scenario, async () => {
      const out = join(dir, `${scenario}.json`);
      const run = await runCli(['record', `${demo.url}/?scenario=${scenario}&run=1`, '--json', '--out', out]);
      const report = reportOf(run);
      const expected = EXPECTED[scenario];
      if (expected.status === 0) expect(errorRules(report)).toEqual([]);
      else expect(errorRules(report)).toEqual(expect.arrayContaining(expected.errors));
      expect(run.status).toBe(expected.status);
      checkConsistency(report);
      expected.check(report);
      // Progress went to stderr; the trace on disk gives the same report.
      expect(run.stderr).toContain(`wrote `);
      const again = await runCli(['analyze', out, '--json']);
      expect(again.status).toBe(expected.status);
      expect(reportOf(again)).toEqual(report);
    });
  }
});

describe('record: steps and unusable input', () => {
  it('runs --steps first: a script that clicks the scenario button', async () => {
    const steps = join(dir, 'click-stampede.mjs');
    writeFileSync(steps, `export default async (page) => {
      await page.getByTestId('run-stampede').click();
      await page.locator('[data-testid=status][data-state=done]').waitFor();
    };\n`);
    const run = await runCli(['record', `${demo.url}/?scenario=stampede`, '--json', '--steps', steps]);
    expect(run.status).toBe(1);
    expect(errorRules(reportOf(run))).toContain('refresh-stampede');
  });

  it('2 when the URL is unreachable', async () => {
    const port = await freePort();
    const run = await runCli(['record', `http://127.0.0.1:${port}/`]);
    expect(run).toMatchObject({ status: 2, stdout: '' });
    expect(run.stderr).toMatch(/cannot open http:\/\/127\.0\.0\.1:\d+\/: .*ERR_CONNECTION_REFUSED/);
  });

  it('2 for a page the extension does not record', async () => {
    const run = await runCli(['record', 'http://example.invalid/']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/records only pages at http:\/\/localhost\/\*, http:\/\/127\.0\.0\.1\/\*/);
  });
});

/** A port nothing listens on: bound, then released. */
function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}
