/**
 * The service worker: routes each tab's events to its panels and keeps the
 * tab's recent history so a panel opened later still sees it.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { PORT_BRIDGE, PORT_PANEL } from '../protocol';
import { Router, type BridgePort, type PanelPort } from './router';
import { TabStore } from './tab-store';

const store = new TabStore(
  {
    get: async (key) => (await browser.storage.session.get(key))[key],
    set: (key, value) => browser.storage.session.set({ [key]: value }),
    remove: (key) => browser.storage.session.remove(key),
  },
  {
    maxEvents: 200_000,
    persistEvents: 10_000,
    saveDelayMs: 250,
    newSalt: () => Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(16)).join(''),
  },
);
const router = new Router(store);

browser.runtime.onConnect.addListener((port: Runtime.Port) => {
  if (port.name === PORT_BRIDGE) router.addBridge(port as unknown as BridgePort);
  else if (port.name === PORT_PANEL) router.addPanel(port as unknown as PanelPort);
});

browser.tabs.onRemoved.addListener((tabId) => void router.tabRemoved(tabId));
