import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runScenario, type Scenario } from './support/demo';
import { useDemoLab, SCREENSHOTS } from './support/demo-lab';
import { openPanelFor } from './support/extension';

const env = useDemoLab();

/** What the panel's timeline and diagnostics say, read from their data-testid structure. */
async function panelView(panel: Page) {
  return panel.evaluate(() => {
    const all = (sel: string) => [...document.querySelectorAll<HTMLElement>(sel)];
    const bars = all('[data-testid=timeline-bar]').map((b) => ({
      role: b.dataset.role!,
      replay: b.dataset.replayNumber ? Number(b.dataset.replayNumber) : undefined,
      original: b.dataset.originalNumber ? Number(b.dataset.originalNumber) : undefined,
      status: b.dataset.status ? Number(b.dataset.status) : undefined,
    }));
    return {
      episodes: all('[data-testid=episode]').map((e) => e.textContent ?? ''),
      roles: bars.reduce<Record<string, number>>((m, b) => ((m[b.role] = (m[b.role] ?? 0) + 1), m), {}),
      replays: bars.filter((b) => b.role === 'replay').sort((a, b) => a.replay! - b.replay!).map((b) => [b.replay, b.original]),
      arrows: all('[data-testid=timeline-arrow]').map((a) => a.dataset.kind),
      rules: all('[data-testid=diagnostic]').map((d) => `${d.dataset.severity}:${d.dataset.rule}`),
      refusedReplays: bars.filter((b) => b.role === 'replay' && b.status === 401).length,
      outline: all('[data-testid=timeline-bar]').map((b) => b.textContent ?? ''),
    };
  });
}

async function open(scenario: Scenario) {
  const page = await env.lab.context.newPage();
  await runScenario(page, env.demo.url, scenario);
  const panel = await openPanelFor(env.lab, page);
  await panel.getByTestId('episode').first().waitFor();
  return { page, panel };
}

const errors = (rules: string[]) => rules.filter((r) => r.startsWith('error:')).map((r) => r.slice(6));

describe('the panel explains each demo scenario', () => {
  it('reactive: 5 expired, one refresh, 5 replays in the original order, no error', async () => {
    const { page, panel } = await open('reactive');
    await expect.poll(async () => (await panelView(panel)).roles).toMatchObject({ expired: 5, refresh: 1, replay: 5 });
    const view = await panelView(panel);
    expect(view.episodes).toHaveLength(1);
    expect(view.episodes[0]).toMatch(/5 requests expired → 1 refresh \(\d+ ms\) → 5 replays, in order · recovered/);
    expect(view.replays).toEqual([[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]);
    expect(view.arrows.filter((k) => k === 'expired-replay')).toHaveLength(5);
    expect(view.arrows.filter((k) => k === 'refresh-replay')).toHaveLength(5);
    expect(errors(view.rules)).toEqual([]);
    await panel.screenshot({ path: `${SCREENSHOTS}/panel-reactive.png` });
    await page.close();
  });

  it('proactive: one refresh, the requests queued behind it, nothing expired', async () => {
    const { page, panel } = await open('proactive');
    await expect.poll(async () => (await panelView(panel)).roles.queued ?? 0).toBeGreaterThanOrEqual(5);
    const view = await panelView(panel);
    expect(view.roles).toMatchObject({ refresh: 1 });
    expect(view.roles.expired ?? 0).toBe(0);
    expect(errors(view.rules)).toEqual([]);
    await panel.screenshot({ path: `${SCREENSHOTS}/panel-proactive.png` });
    await page.close();
  });

  it('follows the system theme while open: the timeline canvas is drawn again in the new colours', async () => {
    const { page, panel } = await open('reactive');
    // The brightness of the canvas's background, below the last lane.
    const background = () =>
      panel.evaluate(() => {
        const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=timeline-canvas]')!;
        const [r, g, b] = canvas.getContext('2d')!.getImageData(canvas.width - 4, canvas.height - 4, 1, 1).data;
        return (r + g + b) / 3;
      });
    await panel.emulateMedia({ colorScheme: 'light' });
    await expect.poll(background).toBeGreaterThan(200);
    await panel.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => panel.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(background).toBeLessThan(60);
    await panel.screenshot({ path: `${SCREENSHOTS}/panel-reactive-dark.png` });
    await panel.emulateMedia({ colorScheme: 'light' });
    await expect.poll(background).toBeGreaterThan(200);
    await page.close();
  });

  it('docked narrow with the details open, the timeline keeps room to read', async () => {
    const { page, panel } = await open('first-only');
    await panel.setViewportSize({ width: 560, height: 640 });
    await expect.poll(async () => errors((await panelView(panel)).rules)).toContain('replay-missing');
    await panel.locator('[data-testid=diagnostic] button.reveal').first().click();
    await expect.poll(() => panel.getByTestId('details').count()).toBe(1);
    const width = (selector: string) => panel.locator(selector).evaluate((el) => el.getBoundingClientRect().width);
    expect(await width('[data-testid=details]')).toBeLessThanOrEqual(240);
    expect(await width('[data-testid=timeline-canvas]')).toBeGreaterThanOrEqual(300);
    await panel.screenshot({ path: `${SCREENSHOTS}/panel-narrow-details.png` });
    await page.close();
  });

  const broken: Array<[Scenario, string, (v: Awaited<ReturnType<typeof panelView>>) => void]> = [
    ['stampede', 'refresh-stampede', (v) => expect(v.roles.refresh).toBeGreaterThan(1)],
    ['out-of-order', 'replay-out-of-order', (v) => expect(v.replays.some(([r, o]) => r !== o)).toBe(true)],
    [
      'refresh-fails',
      'request-stranded',
      (v) => {
        expect(v.rules).toContain('warning:refresh-failed');
        // The stranded callers are drawn waiting to the end of the recording.
        expect(v.outline.filter((text) => /status 401, caller stranded$/.test(text)).length).toBeGreaterThan(0);
      },
    ],
    [
      'loop',
      'retry-loop',
      (v) => {
        expect(v.roles.replay).toBeGreaterThan(1);
        // The replays refused again say so, on the canvas (draw.test.ts) and in its outline.
        expect(v.refusedReplays).toBeGreaterThan(1);
        expect(v.outline.filter((text) => /replay #\d+ of #\d+, status 401$/.test(text)).length).toBe(v.refusedReplays);
      },
    ],
    ['first-only', 'replay-missing', (v) => expect(v.roles.replay).toBe(1)],
  ];
  for (const [scenario, rule, check] of broken) {
    it(`${scenario}: flags ${rule}`, async () => {
      const { page, panel } = await open(scenario);
      // request-stranded needs the stranded timeout to pass with nothing happening.
      await expect.poll(async () => errors((await panelView(panel)).rules), { timeout: 15_000 }).toContain(rule);
      const view = await panelView(panel);
      check(view);
      expect(await panel.getByTestId('diagnostics-badge').getAttribute('data-errors')).not.toBe('0');
      // Clicking the diagnostic selects a request it names and shows its details.
      await panel.locator(`[data-testid=diagnostic][data-rule=${rule}] button.reveal`).first().click();
      await expect.poll(() => panel.getByTestId('details').count()).toBe(1);
      await panel.screenshot({ path: `${SCREENSHOTS}/panel-${scenario}.png` });
      await page.close();
    });
  }
});
