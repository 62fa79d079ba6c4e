import browser from 'webextension-polyfill';

/** DevTools' theme when inside DevTools, else the system's. */
export function applyTheme(root: HTMLElement): void {
  const devtoolsTheme = browser.devtools?.panels?.themeName;
  if (devtoolsTheme) {
    root.dataset.theme = devtoolsTheme === 'dark' ? 'dark' : 'light';
    return;
  }
  const query = matchMedia('(prefers-color-scheme: dark)');
  const set = () => (root.dataset.theme = query.matches ? 'dark' : 'light');
  set();
  query.addEventListener('change', set);
}
