import { describe, expect, it } from 'vitest';
import { scriptFiles } from './content-scripts';
import { injectIfMissing, panelSubscribed } from './late-inject';
import { serialized, syncSiteScripts, type SiteAccessApi, type SiteScript } from './site-access';

const manifest = {
  host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
  content_scripts: [{ js: ['src/bridge/index.js'], world: 'ISOLATED' }, { js: ['src/inject/index.js'], world: 'MAIN' }],
};
const files = scriptFiles(manifest);

function fakeApi(granted: string[]) {
  const registered = new Map<string, SiteScript>();
  const calls: string[] = [];
  const api: SiteAccessApi = {
    grantedOrigins: async () => granted,
    registeredIds: async () => [...registered.keys()],
    register: async (scripts) => (calls.push('register'), scripts.forEach((s) => registered.set(s.id, s))),
    update: async (scripts) => (calls.push('update'), scripts.forEach((s) => registered.set(s.id, s))),
    unregister: async (ids) => (calls.push('unregister'), ids.forEach((id) => registered.delete(id))),
  };
  return { api, registered, calls, granted };
}

describe('site access', () => {
  it('reads the built content script files from the manifest', () => {
    expect(files).toEqual({ bridge: ['src/bridge/index.js'], inject: ['src/inject/index.js'], defaults: manifest.host_permissions });
  });

  it('registers the bridge then the page script, at document_start in every frame, for granted sites only', async () => {
    const fake = fakeApi(['http://localhost/*', 'https://app.example.com/*', 'http://127.0.0.1/*']);
    expect(await syncSiteScripts(fake.api, files)).toEqual(['https://app.example.com/*']);
    expect([...fake.registered.values()]).toEqual([
      { id: 'site-bridge', js: ['src/bridge/index.js'], world: 'ISOLATED', matches: ['https://app.example.com/*'], runAt: 'document_start', allFrames: true, matchOriginAsFallback: true, persistAcrossSessions: true },
      { id: 'site-inject', js: ['src/inject/index.js'], world: 'MAIN', matches: ['https://app.example.com/*'], runAt: 'document_start', allFrames: true, matchOriginAsFallback: true, persistAcrossSessions: true },
    ]);
  });

  it('follows grants and revocations: updates in place, unregisters when none is left', async () => {
    const fake = fakeApi(['https://a.test/*']);
    await syncSiteScripts(fake.api, files);
    fake.granted.push('https://b.test/*');
    await syncSiteScripts(fake.api, files);
    expect(fake.registered.get('site-bridge')?.matches).toEqual(['https://a.test/*', 'https://b.test/*']);
    fake.granted.splice(0);
    await syncSiteScripts(fake.api, files);
    expect(fake.registered.size).toBe(0);
    expect(fake.calls).toEqual(['register', 'update', 'unregister']);
  });

  it('runs syncs one after another, even when one fails', async () => {
    const order: number[] = [];
    let n = 0;
    const run = serialized(async () => {
      const mine = ++n;
      await new Promise((r) => setTimeout(r, 5 - mine));
      order.push(mine);
      if (mine === 1) throw new Error('boom');
    });
    await Promise.all([run(), run(), run()]);
    expect(order).toEqual([1, 2, 3]);
  });
});

describe('late injection', () => {
  it('injects the bridge, then the page script, only into a tab where no bridge answers', async () => {
    const injected: string[] = [];
    const api = (answers: boolean) => ({ ping: async () => answers, pingAll: async () => {}, inject: async (_tab: number, js: string[], world: string) => void injected.push(`${world}:${js}`) });
    expect(await injectIfMissing(1, api(true), files)).toBe(false);
    expect(await injectIfMissing(1, api(false), files)).toBe(true);
    expect(injected).toEqual(['ISOLATED:src/bridge/index.js', 'MAIN:src/inject/index.js']);
  });

  it('fails quietly without host permission', async () => {
    const api = { ping: async () => Promise.reject(new Error('no receiver')), pingAll: async () => {}, inject: async () => Promise.reject(new Error('Cannot access contents of the page')) };
    expect(await injectIfMissing(1, api, files)).toBe(false);
  });

  it('on every subscribe pings every frame (a portless bridge opens its port), and injects only into a tab with no bridge connected', async () => {
    const calls: string[] = [];
    const api = {
      ping: async () => (calls.push('ping top'), false),
      pingAll: async (tab: number) => void calls.push(`ping all ${tab}`),
      inject: async (_tab: number, _js: string[], world: string) => void calls.push(`inject ${world}`),
    };
    await panelSubscribed(4, true, api, files);
    expect(calls).toEqual(['ping all 4']);
    calls.length = 0;
    await panelSubscribed(4, false, api, files);
    expect(calls.sort()).toEqual(['inject ISOLATED', 'inject MAIN', 'ping all 4', 'ping top']);
    // A tab with no receiver at all (a page we may not script): nothing thrown.
    await expect(panelSubscribed(5, true, { ...api, pingAll: async () => Promise.reject(new Error('Could not establish connection')) }, files)).resolves.toBeUndefined();
  });
});
