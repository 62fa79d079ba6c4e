// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SiteAccess } from './components/SiteAccess';
import { SiteAccessModel, sitePattern, type SiteAccessApi } from './site-access';

const DEFAULTS = ['http://localhost/*', 'http://127.0.0.1/*'];

function fakeApi(url: string | undefined, granted: string[] = [], answer = true) {
  const calls: string[] = [];
  const api: SiteAccessApi = {
    inspectedUrl: async () => url,
    contains: async (p) => granted.includes(p),
    request: (p) => (calls.push(`request ${p}`), Promise.resolve(answer).then((ok) => (ok && granted.push(p), ok))),
    remove: async (p) => (calls.push(`remove ${p}`), granted.splice(granted.indexOf(p), 1), true),
    reloadInspected: () => void calls.push('reload'),
  };
  return { api, calls, granted };
}

describe('sitePattern', () => {
  it('covers scheme and host, whatever the port and path; nothing for other schemes', () => {
    expect(sitePattern('https://app.example.com:8443/a?b#c')).toEqual({ origin: 'https://app.example.com:8443', pattern: 'https://app.example.com/*' });
    expect(sitePattern('chrome://extensions')).toBeUndefined();
    expect(sitePattern('not a url')).toBeUndefined();
  });
});

describe('SiteAccessModel', () => {
  it('knows the default sites, the unsupported pages and the others', async () => {
    for (const [url, kind] of [['http://127.0.0.1:5178/', 'default'], ['chrome://newtab/', 'unsupported'], ['https://x.test/', 'off'], [undefined, 'unknown']] as const) {
      const model = new SiteAccessModel(fakeApi(url).api, DEFAULTS);
      await model.refresh();
      expect(model.state.kind, String(url)).toBe(kind);
    }
  });

  it('asks for the site, then says to reload, until the page has started again', async () => {
    const { api, calls } = fakeApi('https://x.test/app');
    const model = new SiteAccessModel(api, DEFAULTS);
    await model.refresh();
    await model.enable();
    expect(model.state).toEqual({ kind: 'on', origin: 'https://x.test', pattern: 'https://x.test/*', reloadNeeded: true });
    await model.refresh();
    expect(model.state).toMatchObject({ reloadNeeded: true });
    model.reload();
    expect(model.state).toMatchObject({ kind: 'on', reloadNeeded: false });
    expect(calls).toEqual(['request https://x.test/*', 'reload']);
    await model.disable();
    expect(model.state.kind).toBe('off');
  });

  it('says so when the user refuses', async () => {
    const model = new SiteAccessModel(fakeApi('https://x.test/', [], false).api, DEFAULTS);
    await model.refresh();
    await model.enable();
    expect(model.state).toMatchObject({ kind: 'off', refused: true });
  });
});

describe('<SiteAccess>', () => {
  let root: HTMLElement;
  beforeEach(() => {
    root = document.createElement('div');
    document.body.append(root);
  });
  afterEach(() => {
    render(null, root);
    root.remove();
  });

  const show = (model: SiteAccessModel) =>
    act(() => render(<SiteAccess state={model.state} onEnable={() => void model.enable()} onDisable={() => void model.disable()} onReload={() => model.reload()} />, root));
  const $ = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

  it('renders nothing for a default site, an offer, then the reload prompt; the origin as text', async () => {
    const hostile = 'https://<img src=x onerror=alert(1)>.test/';
    const quiet = new SiteAccessModel(fakeApi('http://localhost:3000/').api, DEFAULTS);
    await quiet.refresh();
    show(quiet);
    expect(root.innerHTML).toBe('');

    const model = new SiteAccessModel(fakeApi('https://app.example.com/').api, DEFAULTS);
    await model.refresh();
    show(model);
    expect($('site-access')?.dataset.state).toBe('off');
    expect($('site-access')?.textContent).toContain('https://app.example.com');
    await act(async () => $('site-access-enable')!.click());
    show(model);
    expect($('site-access')?.dataset.state).toBe('reload');
    act(() => $('site-access-reload')!.click());
    show(model);
    expect($('site-access')?.dataset.state).toBe('on');

    const odd = new SiteAccessModel(fakeApi(hostile).api, DEFAULTS);
    await odd.refresh();
    show(odd);
    expect(root.querySelector('img')).toBeNull();
  });
});
