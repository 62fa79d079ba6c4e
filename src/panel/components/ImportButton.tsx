import { useCallback, useRef } from 'preact/hooks';
import { useFileDrop } from '../io/file-drop';
import type { TraceIO } from '../io/trace-io';
import { useIO } from '../io/use-io';
import '../io/trace-io.css';

/** The toolbar's Import button (a file picker), and drag-and-drop of a file anywhere on the page. */
export function ImportButton({ io }: { io: TraceIO }) {
  useIO(io);
  const input = useRef<HTMLInputElement>(null);
  const open = useCallback((file: File) => void io.open(file), [io]);
  const dragging = useFileDrop(open);
  return (
    <>
      <button data-testid="import-button" disabled={io.busy} title="Open a Refresh Lens trace or a HAR file (or drop one on the panel)" onClick={() => input.current?.click()}>
        Import…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        data-testid="import-file"
        accept=".json,.har,application/json"
        onChange={(e) => {
          const picked = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (picked) open(picked);
        }}
      />
      {dragging && (
        <div class="io-drop" data-testid="drop-overlay">
          Drop a Refresh Lens trace or a HAR file to open it
        </div>
      )}
    </>
  );
}

/** The outcome of the last import or export, under the toolbar; an error is an alert. */
export function ImportNotice({ io }: { io: TraceIO }) {
  useIO(io);
  if (io.busy) return <div class="io-notice" role="status">Opening…</div>;
  const m = io.message;
  if (!m) return null;
  return (
    <div class={`io-notice ${m.kind}`} role={m.kind === 'error' ? 'alert' : 'status'} data-testid={m.kind === 'error' ? 'import-error' : 'import-info'}>
      <span>{m.text}</span>
      <button class="close" aria-label="Dismiss" title="Dismiss" onClick={() => io.dismiss()}>
        ×
      </button>
    </div>
  );
}
