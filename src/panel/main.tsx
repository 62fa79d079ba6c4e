import { render } from 'preact';
import browser from 'webextension-polyfill';
import { App } from './components/App';
import { connectToBackground, inspectedTabId } from './connection';
import { browserSiteAccessApi, defaultSites } from './site-access-browser';
import { SiteAccessModel } from './site-access';
import { PanelStore } from './store/panel-store';
import { followTheme } from './system-theme';
import { applyTheme } from './theme';

const root = document.documentElement;
applyTheme(root);
const store = new PanelStore();
const tabId = inspectedTabId();
const transport =
  tabId === undefined
    ? undefined
    : connectToBackground(
        tabId,
        (message) => {
          store.receive(message);
          // A page that started loading under our scripts is being recorded: the
          // "reload to start recording" prompt has done its job.
          if ((message.kind === 'events' || message.kind === 'history') && message.events.some((e) => e.type === 'page-start' && e.readyState === 'loading')) {
            site?.recording();
          }
        },
        () => store.extensionGone(),
      );
const site = tabId === undefined ? undefined : new SiteAccessModel(browserSiteAccessApi(tabId), defaultSites());
void site?.refresh();
browser.devtools?.network?.onNavigated.addListener(() => void site?.refresh());
if (tabId === undefined) store.state.problem = 'No inspected tab: open this panel from DevTools, or add ?tabId=N to its URL.';
followTheme(root, (theme) => render(<App store={store} transport={transport} site={site} theme={theme} />, document.getElementById('root')!));
