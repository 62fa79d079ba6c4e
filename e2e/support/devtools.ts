import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import type { Lab } from './extension';

/**
 * Opens the real DevTools window for `page` and shows our panel in it.
 * DevToolsAPI is DevTools' internal front-end API, not a public one: keep this
 * to smoke tests. Needs a lab launched with --remote-debugging-port=0.
 */
export async function openRealDevToolsPanel(lab: Pick<Lab, 'context' | 'profileDir' | 'extensionId'>, page: Page): Promise<{ frame: Frame; devtools: Page; browser: Browser }> {
  const pageSession = await lab.context.newCDPSession(page);
  const { targetInfo } = (await pageSession.send('Target.getTargetInfo')) as { targetInfo: { targetId: string } };
  await pageSession.detach();

  // Opening DevTools is allowed only from a browser-level session.
  const port = readFileSync(join(lab.profileDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const opener = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const browserSession = await opener.newBrowserCDPSession();
  await browserSession.send('Target.openDevTools' as never, { targetId: targetInfo.targetId } as never);
  // The DevTools window starts as a target of another type and becomes a
  // 'page' once its front-end loads; a connection made after that sees it.
  await pollFor(async () => {
    const { targetInfos } = (await browserSession.send('Target.getTargets')) as { targetInfos: Array<{ type: string; url: string }> };
    return targetInfos.some((t) => t.type === 'page' && t.url.startsWith('devtools://'));
  });
  await opener.close();
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const devtools = await pollFor(() => browser.contexts().flatMap((c) => c.pages()).find((p) => p.url().startsWith('devtools://')));
  const panelId = `chrome-extension://${lab.extensionId}RefreshLens`;
  // showPanel does nothing until the extension's panel is registered: retry.
  const frame = await pollFor(async () => {
    await devtools
      .evaluate((id) => (globalThis as unknown as { DevToolsAPI?: { showPanel(id: string): void } }).DevToolsAPI?.showPanel(id), panelId)
      .catch(() => undefined);
    return devtools.frames().find((f) => f.url().includes(`${lab.extensionId}/src/panel/panel.html`));
  });
  return { frame, devtools, browser };
}

/** Polls until `probe` gives something truthy (10 s at most). */
async function pollFor<T>(probe: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${probe.toString().slice(0, 120)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
