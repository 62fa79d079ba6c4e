import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { toNativeTrace } from '../src/trace-file/native';
import { TraceBuilder } from '../src/trace/testing/builder';
import { correctReactive, refreshFailsRejects, stampede } from '../src/trace/testing/scenarios';
import { main } from './main';

const dir = mkdtempSync(join(tmpdir(), 'refresh-lens-cli-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function traceFile(name: string, scenario: (b: TraceBuilder) => unknown): string {
  const b = new TraceBuilder();
  b.page(-5);
  scenario(b);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(toNativeTrace(b.events(), { creator: 'test' })));
  return file;
}

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

describe('exit status', () => {
  it('0 when no error-severity diagnostic fired', async () => {
    expect((await run('analyze', traceFile('clean', correctReactive))).status).toBe(0);
  });

  it('0 when only warnings fired', async () => {
    // A failed refresh whose waiters are all rejected: refresh-failed, a warning, and nothing else.
    const { status, stdout } = await run('analyze', '--json', traceFile('rejects', refreshFailsRejects));
    const report = JSON.parse(stdout) as { diagnostics: Array<{ severity: string }> };
    expect(report.diagnostics.length).toBeGreaterThan(0);
    expect(report.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(status).toBe(0);
  });

  it('1 when an error-severity diagnostic fired', async () => {
    expect((await run('analyze', traceFile('stampede', stampede))).status).toBe(1);
  });

  it.each([
    [['analyze', join(dir, 'missing.json')], /cannot read .*missing\.json: no such file/],
    [['analyze', dir], /cannot read .*: it is a directory/],
    [['nonsense'], /unknown command "nonsense"[\s\S]*--help/],
  ])('2 for %j, with a message on stderr and nothing on stdout', async (argv, message) => {
    const { status, stdout, stderr } = await run(...argv);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });

  it('2 for a file that is not a trace', async () => {
    const notJson = join(dir, 'notes.txt');
    writeFileSync(notJson, 'hello');
    expect(await run('analyze', notJson)).toMatchObject({ status: 2, stderr: expect.stringMatching(/notes\.txt is not a trace: it is not JSON/) });
    const otherJson = join(dir, 'package.json');
    writeFileSync(otherJson, JSON.stringify({ name: 'x' }));
    expect(await run('analyze', otherJson)).toMatchObject({ status: 2, stderr: expect.stringMatching(/neither a Refresh Lens trace nor a HAR file/) });
    const future = join(dir, 'future.json');
    writeFileSync(future, JSON.stringify({ ...toNativeTrace([], { creator: 'test' }), version: 99 }));
    expect(await run('analyze', future)).toMatchObject({ status: 2, stderr: expect.stringMatching(/version 99, newer than this Refresh Lens reads/) });
  });

  it('2 when record cannot find Chromium, saying how to get it', async () => {
    vi.stubEnv('CHROME_PATH', join(dir, 'no-such-chromium'));
    try {
      const { status, stderr } = await run('record', 'http://127.0.0.1:1/');
      expect(status).toBe(2);
      expect(stderr).toMatch(/CHROME_PATH is .*no-such-chromium, which does not exist/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('HAR input', () => {
  const entry = (t: number, method: string, path: string, status: number) => ({
    startedDateTime: new Date(1_700_000_000_000 + t).toISOString(),
    time: 20,
    request: { method, url: `http://127.0.0.1:5178${path}`, headers: [], cookies: [], queryString: [] },
    response: { status, headers: [], cookies: [], content: { size: 2, mimeType: 'application/json' } },
    timings: { send: 0, wait: 20, receive: 0 },
    _resourceType: 'fetch',
  });
  const har = (version: string, entries: unknown[]) => ({ log: { version, creator: { name: 'test' }, entries } });

  it('is recognised by content and analysed: a HAR with one request and no refresh is OK', async () => {
    const file = join(dir, 'plain.json');
    writeFileSync(file, JSON.stringify(har('1.2', [entry(0, 'GET', '/api/health', 200)])));
    const { status, stdout } = await run('analyze', file);
    expect(status).toBe(0);
    expect(stdout).toContain('(HAR: network only, no axios view)');
  });

  it('2 for a HAR it cannot read', async () => {
    const file = join(dir, 'future.har');
    writeFileSync(file, JSON.stringify(har('2.0', [])));
    expect(await run('analyze', file)).toMatchObject({ status: 2, stderr: expect.stringMatching(/future\.har: the HAR is version "2\.0"/) });
  });
});

describe('output', () => {
  it('--json prints only the SPEC report on stdout', async () => {
    const { stdout, stderr } = await run('analyze', '--json', traceFile('stampede-json', stampede));
    expect(stderr).toBe('');
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['requests', 'episodes', 'diagnostics']));
    expect(Object.keys(report.requests[0])).toEqual(expect.arrayContaining(['id', 'method', 'url', 'role', 'replayOf', 'status', 'start', 'end']));
    expect(Object.keys(report.episodes[0])).toEqual(
      expect.arrayContaining(['id', 'start', 'end', 'outcome', 'expired', 'queued', 'refreshes', 'replays']),
    );
    expect(report.diagnostics.map((d: { rule: string }) => d.rule)).toEqual(['refresh-stampede']);
    expect(Object.keys(report.diagnostics[0])).toEqual(expect.arrayContaining(['rule', 'severity', 'episode', 'requests', 'message']));
  });

  it('prints the readable report by default', async () => {
    const { stdout } = await run('analyze', traceFile('clean-text', correctReactive));
    expect(stdout).toMatch(/^Refresh Lens report: .*clean-text\.json\n/);
    expect(stdout).toContain('OK: no error diagnostic');
  });

  it('--help prints the usage with status 0', async () => {
    const { status, stdout } = await run('--help');
    expect(status).toBe(0);
    expect(stdout).toMatch(/refresh-lens record <url>[\s\S]*refresh-lens analyze <file>[\s\S]*Exit status/);
  });
});
