/**
 * The standalone viewer: the panel's App with no tab behind it, fed only by
 * the files the user opens. Nothing here may reach an extension API: the
 * page is served from any static host.
 */
import { render } from 'preact';
import '../panel/panel.css';
import { App } from '../panel/components/App';
import { PanelStore } from '../panel/store/panel-store';
import { applySystemTheme, followTheme } from '../panel/system-theme';
import { ViewerEmptyState } from './ViewerEmptyState';

const root = document.documentElement;
applySystemTheme(root);
const store = new PanelStore();
store.update({ recording: false });
followTheme(root, (theme) => render(<App store={store} transport={undefined} theme={theme} empty={<ViewerEmptyState />} />, document.getElementById('root')!));
