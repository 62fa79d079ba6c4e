/**
 * `record`: Chromium with the extension, the page, the user's steps, then
 * wait until the page is quiet and every episode decided, and collect the
 * tab's events. The result is analysed exactly as `analyze` would analyse the
 * written trace (same events, same end time), so both commands agree.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { TabEvent } from '../src/protocol';
import { analyzeEvents, TraceModel } from '../src/trace/model';
import type { TraceOptions } from '../src/trace/options';
import { plural } from '../src/trace/rules/describe';
import type { TraceResult } from '../src/trace/types';
import type { NativeTrace } from '../src/trace-file/native';
import { nativeFor } from '../src/trace-file/native-export';
import type { RecordCommand } from './args';
import { findChromium } from './browser/chromium';
import { Collector } from './browser/collector';
import { firstLine, launchBrowser } from './browser/launch';
import { contentScriptMatches, urlMatches } from './browser/match-pattern';
import { NetworkWatch } from './browser/network-watch';
import { isQuiet } from './browser/quiet';
import { CliError } from './errors';
import { builtExtensionDir } from './paths';
import { loadSteps, type Steps } from './steps';

export type Progress = (line: string) => void;
const POLL_MS = 100;

export async function record(cmd: RecordCommand, options: TraceOptions, progress: Progress): Promise<{ result: TraceResult; trace: NativeTrace }> {
  const executablePath = findChromium();
  const extensionDir = builtExtensionDir();
  const matches = contentScriptMatches(extensionDir);
  if (!urlMatches(cmd.url, matches)) {
    throw new CliError(`Refresh Lens records only pages at ${matches.join(', ')}; ${cmd.url} is not one (serve the app on localhost or 127.0.0.1)`);
  }
  if (cmd.out && !existsSync(dirname(resolve(cmd.out)))) throw new CliError(`--out ${cmd.out}: the folder ${dirname(resolve(cmd.out))} does not exist`);
  const steps = cmd.steps ? await loadSteps(cmd.steps) : undefined;
  const deadline = Date.now() + cmd.timeoutMs;

  progress(`starting Chromium (${executablePath})${cmd.headed ? ', headed' : ''}`);
  const browser = await launchBrowser({ executablePath, extensionDir, headed: cmd.headed });
  try {
    const { collector, target } = await Collector.open(browser.context, browser.extensionId);
    const network = new NetworkWatch(browser.context);
    await open(target, cmd.url, deadline, progress);
    if (steps) await runSteps(steps, cmd.steps!, target, deadline, progress);
    progress(`waiting until the page has been quiet for ${cmd.idleMs} ms`);
    await waitUntilQuiet(collector, network, cmd, options, deadline, progress);
    const { events, stats } = await collector.finish();
    if (!events.some((e) => e.type === 'page-start')) {
      throw new CliError(`the extension recorded nothing from ${cmd.url}: its page script did not run there`);
    }
    // Every counter but `received` counts events lost or refused on the way.
    const lost = Object.entries(stats).reduce((n, [name, count]) => (name === 'received' ? n : n + count), 0);
    if (lost > 0) progress(`warning: ${lost} events were lost or refused on the way (${JSON.stringify(stats)})`);
    // Exported as the panel exports (redacted), and the report made from the
    // export, so that it leaks nothing either and `analyze` of --out gives it again.
    const trace = nativeFor({ events, result: analyzeEvents(events, options, Date.now()), stats, creator: 'refresh-lens cli' });
    if (cmd.out) writeOut(cmd.out, trace, progress);
    return { trace, result: analyzeEvents(trace.events, options, trace.endTime) };
  } finally {
    await browser.close();
  }
}

function writeOut(file: string, trace: NativeTrace, progress: Progress): void {
  try {
    writeFileSync(file, JSON.stringify(trace));
  } catch (error) {
    throw new CliError(`cannot write --out ${file}: ${firstLine(error)}`);
  }
  progress(`wrote ${trace.events.length} events to ${file}`);
}

async function open(page: Page, url: string, deadline: number, progress: Progress): Promise<void> {
  progress(`opening ${url}`);
  try {
    const response = await page.goto(url, { waitUntil: 'load', timeout: remaining(deadline) });
    if (response && response.status() >= 400) progress(`warning: ${url} answered HTTP ${response.status()}`);
  } catch (error) {
    throw new CliError(`cannot open ${url}: ${firstLine(error)}`);
  }
}

async function runSteps(steps: Steps, file: string, page: Page, deadline: number, progress: Progress): Promise<void> {
  progress(`running steps from ${file}`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('they did not finish before --timeout')), remaining(deadline));
  });
  try {
    await Promise.race([Promise.resolve().then(() => steps(page)), timeout]);
  } catch (error) {
    throw new CliError(`--steps ${file} failed: ${firstLine(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls the collector and the network until isQuiet(), or warns and returns at the deadline. */
async function waitUntilQuiet(
  collector: Collector,
  network: NetworkWatch,
  cmd: RecordCommand,
  options: TraceOptions,
  deadline: number,
  progress: Progress,
): Promise<void> {
  const model = new TraceModel(options);
  let lastEvent = 0;
  for (;;) {
    const fresh = await collector.poll();
    const now = Date.now();
    model.ingest(fresh);
    if (fresh.some(isRequestActivity)) lastEvent = now;
    const pendingEpisodes = model.snapshot(now).episodes.filter((e) => e.outcome === 'pending').length;
    const lastActivity = Math.max(lastEvent, network.lastChange);
    if (isQuiet({ now, inFlight: network.inFlight, lastActivity, idleMs: cmd.idleMs, pendingEpisodes })) return;
    if (now >= deadline) {
      const why =
        network.inFlight > 0 ? `${plural(network.inFlight, 'request')} still in flight`
        : pendingEpisodes > 0 ? `${plural(pendingEpisodes, 'episode')} still undecided`
        : 'requests kept coming';
      progress(`warning: the page did not go quiet within --timeout ${cmd.timeoutMs} ms (${why}); reporting what was recorded`);
      return;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

const remaining = (deadline: number) => Math.max(1, deadline - Date.now());

/**
 * Events that show the app's requests moving, including a call held in a
 * queue that the network does not see yet. Token reads and writes are not:
 * a page that shows its token state reads the cookie on a timer, forever.
 */
const isRequestActivity = (e: TabEvent) => e.type === 'request-start' || e.type === 'request-end' || e.type === 'axios-step';
