/**
 * The system's light or dark theme, followed as it changes. Kept apart from
 * theme.ts so the standalone viewer, which has no extension API (and must not
 * load webextension-polyfill, which throws outside an extension), can use it.
 */
export function applySystemTheme(root: HTMLElement): void {
  const query = matchMedia('(prefers-color-scheme: dark)');
  const set = () => (root.dataset.theme = query.matches ? 'dark' : 'light');
  set();
  query.addEventListener('change', set);
}
