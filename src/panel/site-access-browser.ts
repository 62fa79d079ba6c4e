import browser from 'webextension-polyfill';
import type { SiteAccessApi } from './site-access';

/**
 * The real SiteAccessApi. Inside DevTools the inspected page is asked for its
 * URL (devtools.inspectedWindow works on sites we have no permission for);
 * as a tab (?tabId=N) the tab's URL is known only where we have access.
 */
export function browserSiteAccessApi(tabId: number): SiteAccessApi {
  const inspected = browser.devtools?.inspectedWindow;
  return {
    inspectedUrl: async () => {
      if (inspected) {
        const [value, error] = (await inspected.eval('location.href')) as [unknown, unknown];
        return error || typeof value !== 'string' ? undefined : value;
      }
      return (await browser.tabs.get(tabId)).url;
    },
    contains: (pattern) => browser.permissions.contains({ origins: [pattern] }),
    request: (pattern) => browser.permissions.request({ origins: [pattern] }),
    remove: (pattern) => browser.permissions.remove({ origins: [pattern] }),
    reloadInspected: () => {
      if (inspected) inspected.reload({});
      else void browser.tabs.reload(tabId);
    },
  };
}

/** The sites recorded without asking: the manifest's host permissions. */
export function defaultSites(): string[] {
  return browser.runtime.getManifest().host_permissions ?? [];
}
