// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SiteAccessModel, type SiteAccessApi } from '../site-access';
import { PanelStore } from '../store/panel-store';
import { App } from './App';

const offSite: SiteAccessApi = {
  inspectedUrl: async () => 'https://x.test/app',
  contains: async () => false,
  request: async () => false,
  remove: async () => true,
  reloadInspected: () => {},
};

afterEach(() => {
  document.body.replaceChildren();
});

describe('App', () => {
  it('once the extension is gone: says so, and offers neither recording nor site access', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    const store = new PanelStore();
    const site = new SiteAccessModel(offSite, ['http://localhost/*']);
    await site.refresh();
    const transport = { clear: () => {}, close: () => {} };
    act(() => render(<App store={store} transport={transport} site={site} theme="light" />, root));
    const testIds = () => [...root.querySelectorAll('[data-testid]')].map((e) => e.getAttribute('data-testid'));
    expect(testIds()).toContain('record');
    expect(testIds()).toContain('site-access');
    expect(root.querySelector('[role=alert]')).toBeNull();

    act(() => store.extensionGone());
    // The panel renders on a timer after a change (use-store.ts).
    await vi.waitFor(() => expect(root.querySelector('[role=alert]')?.textContent).toContain('no longer records'));
    expect(testIds()).not.toContain('record');
    expect(testIds()).not.toContain('preserve-log');
    expect(testIds()).not.toContain('site-access');
    expect(testIds()).toContain('clear');
  });
});
