/**
 * Records every demo scenario with the built extension and writes each as a
 * native trace under src/trace/fixtures/, the named real traces the trace
 * model's tests assert on. Run after `npm run build`: `npm run fixtures`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toNativeTrace } from '../src/trace-file/native';
import { runScenario, SCENARIOS, startDemo } from './support/demo';
import { launchWithExtension, openPanelFor, tabIdOf } from './support/extension';
import { tabEvents } from './support/tab-events';

const OUT = resolve(import.meta.dirname, '../src/trace/fixtures');

/**
 * The tab's events once two reads agree: the panel's subscribe has the page
 * send what it held (no panel watched the scenario), and the history a read
 * gets may be answered before that batch is saved.
 */
async function settledTabEvents(panel: Parameters<typeof tabEvents>[0], tabId: number): Promise<Awaited<ReturnType<typeof tabEvents>>> {
  let last = await tabEvents(panel, tabId);
  for (;;) {
    await panel.waitForTimeout(300);
    const events = await tabEvents(panel, tabId);
    if (events.length === last.length) return events;
    last = events;
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const demo = await startDemo();
  const lab = await launchWithExtension();
  try {
    for (const scenario of SCENARIOS) {
      const page = await lab.context.newPage();
      await runScenario(page, demo.url, scenario);
      const panel = await openPanelFor(lab, page);
      const events = await settledTabEvents(panel, await tabIdOf(lab, page));
      // Ports differ from run to run; fixtures name one fixed origin instead.
      const text = JSON.stringify(toNativeTrace(events, { creator: 'record-fixtures', url: `${demo.url}/?scenario=${scenario}` }), null, 1)
        .split(demo.url).join('http://127.0.0.1:5178');
      writeFileSync(resolve(OUT, `${scenario}.trace.json`), text + '\n');
      process.stderr.write(`${scenario}: ${events.length} events\n`);
      await panel.close();
      await page.close();
    }
  } finally {
    await lab.close();
    await demo.close();
  }
}

await main();
