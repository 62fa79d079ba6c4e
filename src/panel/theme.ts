import browser from 'webextension-polyfill';
import { applySystemTheme } from './system-theme';

/** DevTools' theme when inside DevTools, else the system's. */
export function applyTheme(root: HTMLElement): void {
  const devtoolsTheme = browser.devtools?.panels?.themeName;
  if (devtoolsTheme) {
    root.dataset.theme = devtoolsTheme === 'dark' ? 'dark' : 'light';
    return;
  }
  applySystemTheme(root);
}
