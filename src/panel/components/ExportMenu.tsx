import { useEffect, useRef, useState } from 'preact/hooks';
import { EXPORT_FORMATS, type ExportFormat } from '../../trace-file/export-file';
import { download } from '../io/download';
import type { TraceIO } from '../io/trace-io';
import { useIO } from '../io/use-io';
import '../io/trace-io.css';

interface Props {
  io: TraceIO;
  disabled: boolean;
}

/** The toolbar's Export button and its menu: three formats and the "include secrets" choice. */
export function ExportMenu({ io, disabled }: Props) {
  useIO(io);
  const [open, setOpen] = useState(false);
  // Off every time the menu opens: including secrets is never remembered.
  const [secrets, setSecrets] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => root.current?.contains(e.target as Node) || setOpen(false);
    const escape = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  const save = (format: ExportFormat) => {
    try {
      download(io.file(format, secrets && io.hasSecrets));
      setOpen(false);
    } catch (err) {
      io.fail(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return (
    <div class="io-export" ref={root}>
      <button
        data-testid="export-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        disabled={disabled}
        title={disabled ? 'Nothing to export yet' : 'Save the recording as a file'}
        onClick={() => {
          setSecrets(false);
          setOpen(!open);
        }}
      >
        Export ▾
      </button>
      {open && (
        <div class="io-menu" role="dialog" aria-label="Export the recording" data-testid="export-menu">
          {EXPORT_FORMATS.map((f) => (
            <button key={f.format} class="io-format" data-testid={`export-${f.format}`} onClick={() => save(f.format)}>
              <strong>{f.label}</strong>
              <span class="dim">{f.detail}</span>
            </button>
          ))}
          <hr />
          <label class="io-secrets" title={io.hasSecrets ? undefined : 'Nothing to include'}>
            <input type="checkbox" data-testid="export-include-secrets" checked={secrets} disabled={!io.hasSecrets} onChange={(e) => setSecrets((e.target as HTMLInputElement).checked)} />
            Include secrets
          </label>
          {!io.hasSecrets ? (
            <p class="dim">Recordings keep token fingerprints only, never raw tokens: every file is redacted.</p>
          ) : secrets ? (
            <p class="io-warning" data-testid="secrets-warning">
              ⚠ The HAR and Perfetto files will hold the imported file's raw Authorization headers, cookies, tokens in URLs and
              bodies. Anyone who gets the file can use them: do not attach it to a bug report.
            </p>
          ) : (
            <p class="dim">Credentials are written as [redacted] or a fingerprint.</p>
          )}
        </div>
      )}
    </div>
  );
}
