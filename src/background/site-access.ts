import type { ScriptFiles } from './content-scripts';

/** A content script registration, as chrome.scripting takes it. */
export interface SiteScript {
  id: string;
  matches: string[];
  js: string[];
  world: 'ISOLATED' | 'MAIN';
  runAt: 'document_start';
  allFrames: true;
  matchOriginAsFallback: true;
  persistAcrossSessions: true;
}

export interface SiteAccessApi {
  /** Host permissions granted now, the manifest's included. */
  grantedOrigins(): Promise<string[]>;
  registeredIds(): Promise<string[]>;
  register(scripts: SiteScript[]): Promise<void>;
  update(scripts: SiteScript[]): Promise<void>;
  unregister(ids: string[]): Promise<void>;
}

export const SITE_SCRIPT_IDS = { bridge: 'site-bridge', inject: 'site-inject' } as const;

/**
 * Keeps one pair of registered content scripts (bridge, then page script, both
 * at document_start) for the sites the user enabled from the panel with an
 * optional host permission. Run on install, on startup and whenever a
 * permission is granted or revoked (also from chrome://extensions), so what is
 * registered always follows what is granted. The registration persists across
 * browser restarts; the manifest's own sites are not registered twice.
 */
export async function syncSiteScripts(api: SiteAccessApi, files: ScriptFiles): Promise<string[]> {
  const defaults = new Set(files.defaults);
  const sites = (await api.grantedOrigins()).filter((origin) => !defaults.has(origin) && /^(https?|\*):\/\//.test(origin)).sort();
  const registered = (await api.registeredIds()).filter((id) => id === SITE_SCRIPT_IDS.bridge || id === SITE_SCRIPT_IDS.inject);
  if (sites.length === 0) {
    if (registered.length > 0) await api.unregister(registered);
    return sites;
  }
  const common = { matches: sites, runAt: 'document_start', allFrames: true, matchOriginAsFallback: true, persistAcrossSessions: true } as const;
  // The bridge first, so it listens before the page script offers its channel.
  const scripts: SiteScript[] = [
    { id: SITE_SCRIPT_IDS.bridge, js: files.bridge, world: 'ISOLATED', ...common },
    { id: SITE_SCRIPT_IDS.inject, js: files.inject, world: 'MAIN', ...common },
  ];
  // Updated in place when both exist, so there is no moment without them.
  if (registered.length === 2) await api.update(scripts);
  else {
    if (registered.length > 0) await api.unregister(registered);
    await api.register(scripts);
  }
  return sites;
}

/** Runs syncs one after another: permission events can come in bursts. */
export function serialized(run: () => Promise<unknown>): () => Promise<void> {
  let chain: Promise<unknown> = Promise.resolve();
  return () => (chain = chain.then(run, run).catch(() => undefined)) as Promise<void>;
}
