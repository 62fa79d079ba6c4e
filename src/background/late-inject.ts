import type { ScriptFiles } from './content-scripts';

export interface LateInjectApi {
  /** True when a live bridge of ours answers in the tab's top frame. */
  ping(tabId: number): Promise<boolean>;
  /** The same ping to every frame of the tab, its answers ignored. */
  pingAll(tabId: number): Promise<void>;
  inject(tabId: number, files: string[], world: 'ISOLATED' | 'MAIN'): Promise<void>;
}

/**
 * A tab opened before the extension was installed (or reloaded) has none of
 * our content scripts: when a panel subscribes to it, inject them, so the
 * panel records from now on. Requests the page made before, and hooks the
 * page captured earlier, are missed: its page-start says readyState is not
 * 'loading', and a reload records everything. Fails quietly where we have no
 * host permission.
 */
export async function injectIfMissing(tabId: number, api: LateInjectApi, files: ScriptFiles): Promise<boolean> {
  if (await api.ping(tabId).catch(() => false)) return false;
  try {
    await api.inject(tabId, files.bridge, 'ISOLATED');
    await api.inject(tabId, files.inject, 'MAIN');
    return true;
  } catch {
    return false;
  }
}

/**
 * A panel subscribed to a tab: every frame's bridge is pinged, so that one
 * that keeps no port (an idle page's, through a worker restart) opens it and
 * hears in its welcome that a panel watches (BackgroundLink.answerPing);
 * else its page would send at the unwatched cadence until it next sent
 * anything. And where no bridge of ours is connected, the scripts are
 * injected if they are missing.
 */
export async function panelSubscribed(tabId: number, hasBridge: boolean, api: LateInjectApi, files: ScriptFiles): Promise<void> {
  await Promise.all([api.pingAll(tabId).catch(() => undefined), hasBridge ? undefined : injectIfMissing(tabId, api, files)]);
}
