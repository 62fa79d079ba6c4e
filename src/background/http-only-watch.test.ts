import { describe, expect, it } from 'vitest';
import type { TabEvent } from '../protocol';
import { TokenIdentity } from '../tokens';
import { reportHttpOnlyChange } from './http-only-watch';

const cookie = (name: string, value: string, over: object = {}) => ({
  name, value, domain: '127.0.0.1', path: '/', secure: false, hostOnly: true, httpOnly: true, session: true, ...over,
});

function deps() {
  const added: Array<[number, TabEvent[]]> = [];
  return {
    added,
    recordedTabs: async () => [{ id: 1, url: 'http://127.0.0.1:5178/app' }, { id: 2, url: 'http://localhost:3000/' }],
    tabLog: async (tabId: number) => ({ salt: `salt-${tabId}`, next: 41 }),
    add: async (tabId: number, events: TabEvent[]) => void added.push([tabId, events]),
  };
}

describe('reportHttpOnlyChange', () => {
  it('reports a token-like HttpOnly cookie to the tabs it applies to, fingerprinted with that tab’s salt', async () => {
    const d = deps();
    const n = await reportHttpOnlyChange({ cookie: cookie('refresh_token', 'raw-secret-value'), removed: false, cause: 'explicit' }, d, 1000);
    expect(n).toBe(1);
    const [[tabId, [event]]] = d.added;
    expect(tabId).toBe(1);
    const expected = new TokenIdentity();
    expected.setSalt('salt-1');
    expect(event).toMatchObject({ type: 'token-write', store: 'httpOnlyCookie', key: 'refresh_token', op: 'set', session: 'background', seq: 41, t: 1000 });
    expect(event.type === 'token-write' && event.token?.fp).toBe(expected.ref('raw-secret-value').fp);
    expect(JSON.stringify(d.added)).not.toContain('raw-secret-value');
  });

  it('ignores cookies the page can read, and ones that are not tokens', async () => {
    const d = deps();
    await reportHttpOnlyChange({ cookie: cookie('access_token', 'x', { httpOnly: false }), removed: false, cause: 'explicit' }, d);
    await reportHttpOnlyChange({ cookie: cookie('theme', 'dark'), removed: false, cause: 'explicit' }, d);
    expect(d.added).toEqual([]);
  });
});
