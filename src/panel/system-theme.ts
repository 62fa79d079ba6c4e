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

/**
 * Calls `show` with the root's theme now and whenever it changes (the
 * system's can, while the panel is open): the timeline's canvas takes its
 * colours from the theme when it is given one, not from the page's CSS as
 * it changes, so whoever renders it must render again.
 */
export function followTheme(root: HTMLElement, show: (theme: string) => void): void {
  const current = () => root.dataset.theme ?? 'light';
  let shown = current();
  show(shown);
  new MutationObserver(() => {
    if (current() === shown) return;
    shown = current();
    show(shown);
  }).observe(root, { attributes: true, attributeFilter: ['data-theme'] });
}
