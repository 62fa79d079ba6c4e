/**
 * Whether Refresh Lens records the inspected site, and the user's way to
 * enable it: an optional host permission for the site (granted in Chrome's
 * own prompt), after which the background registers our content scripts for
 * it and the page must be reloaded for them to run from its first script.
 */

export type SiteAccessState =
  | { kind: 'unknown' }
  /** chrome://, the Web Store, file:, data:...: no extension may record there. */
  | { kind: 'unsupported'; url: string }
  /** localhost and 127.0.0.1: recorded without asking. */
  | { kind: 'default'; origin: string }
  | { kind: 'off'; origin: string; pattern: string; refused?: boolean }
  | { kind: 'on'; origin: string; pattern: string; reloadNeeded: boolean };

export interface SiteAccessApi {
  inspectedUrl(): Promise<string | undefined>;
  contains(pattern: string): Promise<boolean>;
  /** Chrome's prompt: must be called from the click handler itself (a user gesture). */
  request(pattern: string): Promise<boolean>;
  remove(pattern: string): Promise<boolean>;
  reloadInspected(): void;
}

/** The match pattern that covers a page's site: scheme and host (match patterns ignore the port). */
export function sitePattern(url: string): { origin: string; pattern: string } | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  return { origin: u.origin, pattern: `${u.protocol}//${u.hostname}/*` };
}

type Listener = () => void;

/** The state behind <SiteAccess>, with the actions its buttons call. */
export class SiteAccessModel {
  state: SiteAccessState = { kind: 'unknown' };
  private listeners = new Set<Listener>();

  /** `defaults`: the match patterns recorded without asking (the manifest's host permissions). */
  constructor(private readonly api: SiteAccessApi, private readonly defaults: readonly string[]) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the inspected page's URL and the permission again (on open, after a navigation). */
  async refresh(): Promise<void> {
    const url = await this.api.inspectedUrl().catch(() => undefined);
    if (url === undefined) return this.set({ kind: 'unknown' });
    const site = sitePattern(url);
    if (!site) return this.set({ kind: 'unsupported', url });
    if (this.defaults.includes(site.pattern)) return this.set({ kind: 'default', origin: site.origin });
    const granted = await this.api.contains(site.pattern).catch(() => false);
    const reloadNeeded = this.state.kind === 'on' && this.state.pattern === site.pattern && this.state.reloadNeeded;
    this.set(granted ? { kind: 'on', ...site, reloadNeeded } : { kind: 'off', ...site });
  }

  /** Call straight from the click handler: Chrome shows its prompt only during a user gesture. */
  enable(): Promise<void> {
    const state = this.state;
    if (state.kind !== 'off') return Promise.resolve();
    return this.api.request(state.pattern).then(
      (granted) => this.set(granted ? { kind: 'on', origin: state.origin, pattern: state.pattern, reloadNeeded: true } : { ...state, refused: true }),
      () => this.set({ ...state, refused: true }),
    );
  }

  async disable(): Promise<void> {
    const state = this.state;
    if (state.kind !== 'on') return;
    if (await this.api.remove(state.pattern).catch(() => false)) this.set({ kind: 'off', origin: state.origin, pattern: state.pattern });
  }

  reload(): void {
    this.api.reloadInspected();
    this.recording();
  }

  /** The page has started again with our scripts in it (a page-start arrived): no reload needed any more. */
  recording(): void {
    if (this.state.kind === 'on' && this.state.reloadNeeded) this.set({ ...this.state, reloadNeeded: false });
  }

  private set(state: SiteAccessState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
