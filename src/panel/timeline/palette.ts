import type { Role } from '../../trace/types';

/** Colours of the timeline, read from the panel's CSS variables so the theme applies. */
export interface Palette {
  bg: string;
  fg: string;
  dim: string;
  grid: string;
  laneAlt: string;
  episode: string;
  selection: string;
  arrow: string;
  error: string;
  roles: Record<Role, string>;
  wait: string;
  font: string;
}

export function readPalette(el: Element): Palette {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    bg: v('--bg'),
    fg: v('--fg'),
    dim: v('--fg-dim'),
    grid: v('--grid'),
    laneAlt: v('--bg-alt'),
    episode: v('--episode-bg'),
    selection: v('--focus'),
    arrow: v('--arrow'),
    error: v('--error'),
    wait: v('--role-queued'),
    roles: {
      normal: v('--role-normal'),
      expired: v('--role-expired'),
      queued: v('--role-queued'),
      refresh: v('--role-refresh'),
      replay: v('--role-replay'),
    },
    font: `11px ${css.fontFamily}`,
  };
}
