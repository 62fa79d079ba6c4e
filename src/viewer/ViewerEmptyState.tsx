/** What the viewer shows before a file is open: how to open one, and what it can open. */
export function ViewerEmptyState() {
  return (
    <div class="empty" data-testid="viewer-empty">
      <h2>Open a trace</h2>
      <p>
        Drop a file here, or use <strong>Import…</strong> in the toolbar: a Refresh Lens trace (<code>.json</code>) or a HAR file
        (<code>.har</code>) saved by Chrome's Network panel or Playwright.
      </p>
      <p>The file is read in this page only; nothing is uploaded.</p>
    </div>
  );
}
