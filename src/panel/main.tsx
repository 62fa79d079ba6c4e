import { render } from 'preact';
import { App } from './components/App';
import { connectToBackground, inspectedTabId } from './connection';
import { PanelStore } from './store/panel-store';
import { applyTheme } from './theme';

const root = document.documentElement;
applyTheme(root);
const store = new PanelStore();
const tabId = inspectedTabId();
const transport = tabId === undefined ? undefined : connectToBackground(tabId, (message) => store.receive(message));
if (tabId === undefined) store.state.problem = 'No inspected tab: open this panel from DevTools, or add ?tabId=N to its URL.';
render(<App store={store} transport={transport} theme={root.dataset.theme ?? 'light'} />, document.getElementById('root')!);
