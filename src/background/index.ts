/**
 * The service worker: routes each tab's events to its panels, keeps the tab's
 * recent history in session storage so a restarted worker (or a panel opened
 * later) still has it, and keeps the content scripts of the sites the user
 * enabled registered. It makes no network request of its own.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { envelope, PORT_BRIDGE, PORT_PANEL, type BridgePing } from '../protocol';
import { scriptFiles } from './content-scripts';
import { extensionInstance } from './extension-instance';
import { reportHttpOnlyChange } from './http-only-watch';
import { panelSubscribed, type LateInjectApi } from './late-inject';
import type { KeyValueStore } from './log-storage';
import { Router, type BridgePort, type PanelPort } from './router';
import { serialized, syncSiteScripts, type SiteAccessApi } from './site-access';
import { TabStore } from './tab-store';

const session: KeyValueStore = {
  get: (keys) => browser.storage.session.get(keys),
  set: (items) => browser.storage.session.set(items),
  remove: (keys) => browser.storage.session.remove(keys),
};
const store = new TabStore(
  session,
  {
    maxEvents: 200_000,
    persistEvents: 10_000,
    chunkSize: 250,
    // Short: a batch is shown in the panel once it is saved (and acknowledged, eight at a time or when its bridge is quiet: router.ts).
    saveDelayMs: 20,
    newSalt: () => Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(16)).join(''),
  },
);
const router = new Router(store, {
  extensionOrigin: new URL(browser.runtime.getURL('/')).origin,
  eventsPerSecond: 60_000,
  burstEvents: 400_000,
  instance: extensionInstance(session),
});

browser.runtime.onConnect.addListener((port: Runtime.Port) => {
  if (port.name === PORT_BRIDGE) router.addBridge(port as unknown as BridgePort);
  else if (port.name === PORT_PANEL) router.addPanel(port as unknown as PanelPort);
});
browser.tabs.onRemoved.addListener((tabId) => void router.tabRemoved(tabId));

const files = scriptFiles(browser.runtime.getManifest() as Parameters<typeof scriptFiles>[0]);

const bridgePing = async (): Promise<BridgePing> => ({ ...envelope(), kind: 'ping', instance: await router.instance });
const lateInject: LateInjectApi = {
  ping: async (tabId) => (await browser.tabs.sendMessage(tabId, await bridgePing(), { frameId: 0 })) === true,
  pingAll: async (tabId) => {
    await browser.tabs.sendMessage(tabId, await bridgePing());
  },
  inject: async (tabId, js, world) => {
    await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: js, world, injectImmediately: true });
  },
};
router.panels.onSubscribe = (tabId) => void panelSubscribed(tabId, router.hasBridge(tabId), lateInject, files);

const siteAccess: SiteAccessApi = {
  grantedOrigins: async () => (await browser.permissions.getAll()).origins ?? [],
  registeredIds: async () => (await browser.scripting.getRegisteredContentScripts()).map((s) => s.id),
  register: (scripts) => browser.scripting.registerContentScripts(scripts),
  update: (scripts) => browser.scripting.updateContentScripts(scripts),
  unregister: (ids) => browser.scripting.unregisterContentScripts({ ids }),
};
const syncSites = serialized(() => syncSiteScripts(siteAccess, files));
browser.permissions.onAdded.addListener(() => void syncSites());
browser.permissions.onRemoved.addListener(() => void syncSites());
// Also on every worker start: cheap, and it repairs a sync a stopped worker left half done.
void syncSites();

// HttpOnly token cookies are invisible to the page script: report their changes here.
browser.cookies.onChanged.addListener((change) =>
  void reportHttpOnlyChange(change, {
    recordedTabs: async () =>
      (await browser.tabs.query({})).flatMap((t) => (t.id !== undefined && t.url && router.hasBridge(t.id) ? [{ id: t.id, url: t.url }] : [])),
    tabLog: async (tabId) => {
      const log = await store.get(tabId);
      return { salt: log.meta.salt, next: log.meta.next };
    },
    add: (tabId, events) => router.addOwnEvents(tabId, events),
  }),
);
