import type { TabEvent } from '../protocol';
import { TokenIdentity } from '../tokens';
import { cookieAppliesToUrl, httpOnlyChangeToEvent, type CookieChange, type CookieScope } from './http-only-cookies';

export interface HttpOnlyWatchDeps {
  /** Tabs we are recording, with their URL when the extension may see it. */
  recordedTabs(): Promise<Array<{ id: number; url: string }>>;
  /** The tab's fingerprint salt and the next free index of its log. */
  tabLog(tabId: number): Promise<{ salt: string; next: number }>;
  add(tabId: number, events: TabEvent[]): Promise<void>;
}

/**
 * HttpOnly cookies never reach the page script: their changes are reported
 * here, into the stream of every recorded tab the cookie applies to, with the
 * fingerprint that tab's page would have computed (same salt).
 */
export async function reportHttpOnlyChange(change: CookieChange & { cookie: CookieScope }, deps: HttpOnlyWatchDeps, now = Date.now()): Promise<number> {
  let reported = 0;
  for (const tab of await deps.recordedTabs()) {
    if (!cookieAppliesToUrl(change.cookie, tab.url)) continue;
    const { salt, next } = await deps.tabLog(tab.id);
    const identity = new TokenIdentity();
    identity.setSalt(salt);
    const init = httpOnlyChangeToEvent(change, (raw) => identity.ref(raw), now);
    if (!init) return reported;
    // Its own session, numbered by the tab's log, so it is unique even across worker restarts.
    await deps.add(tab.id, [{ ...init, seq: next, session: 'background' } as TabEvent]);
    reported++;
  }
  return reported;
}
