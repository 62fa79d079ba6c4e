import { expect, it } from 'vitest';
import { appLog } from './support/demo';
import { openRealDevToolsPanel } from './support/devtools';
import { useDemoLab, SCREENSHOTS } from './support/demo-lab';

const env = useDemoLab(['--remote-debugging-port=0']);

// As a user would: open the demo, open DevTools, pick the panel, press a scenario button.
it('shows the requests of a scenario live in the real DevTools panel', async () => {
  const page = await env.lab.context.newPage();
  await page.goto(env.demo.url);
  await page.locator('[data-testid=request-log] li[data-status]').first().waitFor();
  const { frame, devtools, browser } = await openRealDevToolsPanel(env.lab, page);
  await frame.getByTestId('panel').waitFor();
  await frame.getByTestId('view-list').click();
  const rows = frame.getByTestId('request-row');
  await expect.poll(() => rows.count()).toBe(1);

  await page.getByTestId('run-reactive').click();
  await page.locator('[data-testid=status][data-state=done]').waitFor();
  const log = await appLog(page);
  await expect.poll(() => rows.count()).toBe(log.length);
  // Rows are in the order requests reached axios, which can differ from the
  // app's log (its send order) for requests entered within the same moment.
  const urls = await rows.evaluateAll((els) => els.map((el) => new URL(el.getAttribute('data-url')!).pathname + new URL(el.getAttribute('data-url')!).search));
  expect([...urls].sort()).toEqual(log.map((l) => l.url).sort());
  await expect.poll(() => frame.getByText('401').count()).toBeGreaterThan(0);
  await devtools.setViewportSize({ width: 1280, height: 560 }).catch(() => undefined);
  await devtools.screenshot({ path: `${SCREENSHOTS}/devtools-reactive.png` });
  await browser.close();
});
