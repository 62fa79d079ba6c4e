interface Props {
  connected: boolean;
}

export function EmptyState({ connected }: Props) {
  return (
    <div class="empty" data-testid="empty-state">
      <h2>{connected ? 'Recording requests' : 'Not connected to a tab'}</h2>
      <p>
        Requests made by this page with fetch, XMLHttpRequest or axios appear here as they happen, with the token each one
        carried.
      </p>
      <p>
        Reload the page (<kbd>Ctrl</kbd>+<kbd>R</kbd>) to capture the requests made before DevTools opened.
      </p>
      <p>Refresh Lens records pages on http://localhost and http://127.0.0.1.</p>
    </div>
  );
}
