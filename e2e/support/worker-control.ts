import type { BrowserContext, CDPSession, Page } from 'playwright-core';

/**
 * Stops the extension's service worker the way Chrome does when it is idle:
 * ServiceWorker.stopAllWorkers (on any page's CDP session) stops every
 * service worker of the profile, the extension's included. The next message
 * from a content script or a panel starts it again.
 */
export class WorkerStopper {
  private session: CDPSession | undefined;
  stops = 0;

  constructor(private readonly context: BrowserContext, private readonly page: Page) {}

  async stop(): Promise<void> {
    if (!this.session) {
      this.session = await this.context.newCDPSession(this.page);
      await this.session.send('ServiceWorker.enable' as never);
    }
    await this.session.send('ServiceWorker.stopAllWorkers' as never);
    this.stops++;
  }

  async dispose(): Promise<void> {
    await this.session?.detach().catch(() => undefined);
  }
}
