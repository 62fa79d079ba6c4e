import type { SiteAccessState } from '../site-access';

interface Props {
  state: SiteAccessState;
  /** Must call SiteAccessModel.enable() synchronously: Chrome's prompt needs the click. */
  onEnable(): void;
  onDisable(): void;
  onReload(): void;
}

/**
 * Site access, in one line above the recording: nothing for the sites we
 * record by default, an offer to enable recording elsewhere, then the
 * "reload to start recording" prompt. The origin is shown as text.
 */
export function SiteAccess({ state, onEnable, onDisable, onReload }: Props) {
  if (state.kind === 'unknown' || state.kind === 'default') return null;
  if (state.kind === 'unsupported') {
    return (
      <div class="site-access" role="status" data-testid="site-access" data-state="unsupported">
        Refresh Lens cannot record this page.
      </div>
    );
  }
  if (state.kind === 'off') {
    return (
      <div class="site-access" role="status" data-testid="site-access" data-state="off">
        <span>
          Refresh Lens does not record <strong>{state.origin}</strong>
          {state.refused ? ': access was not granted.' : '.'}
        </span>
        <button data-testid="site-access-enable" onClick={onEnable} title={`Ask Chrome for access to ${state.pattern}`}>
          Record this site
        </button>
      </div>
    );
  }
  if (state.reloadNeeded) {
    return (
      <div class="site-access" role="alert" data-testid="site-access" data-state="reload">
        <span>
          Recording is enabled on <strong>{state.origin}</strong>: reload the page to start recording.
        </span>
        <button data-testid="site-access-reload" onClick={onReload}>
          Reload
        </button>
      </div>
    );
  }
  return (
    <div class="site-access" role="status" data-testid="site-access" data-state="on">
      <span>
        Recording <strong>{state.origin}</strong>
      </span>
      <button data-testid="site-access-disable" onClick={onDisable} title="Remove Refresh Lens's access to this site">
        Stop recording this site
      </button>
    </div>
  );
}
