import type { ScriptFiles } from './content-scripts';

export interface LateInjectApi {
  /** True when a live bridge of ours answers in the tab's top frame. */
  ping(tabId: number): Promise<boolean>;
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
