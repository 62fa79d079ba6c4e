import type { Diagnostic } from '../../trace/types';

interface Props {
  diagnostics: readonly Diagnostic[];
  onReveal(diagnostic: Diagnostic): void;
  onSelect(id: string): void;
  /** A short name for a request ("GET /api/items/1"). */
  label(id: string): string;
}

/** Every rule that fired: what happened, how to fix it, and the requests involved. */
export function DiagnosticsList({ diagnostics, onReveal, onSelect, label }: Props) {
  if (diagnostics.length === 0) {
    return (
      <section class="diagnostics" data-testid="diagnostics" aria-label="Diagnostics">
        <p class="dim none">No problems found.</p>
      </section>
    );
  }
  const sorted = [...diagnostics].sort((a, b) => (a.severity === b.severity ? a.t - b.t : a.severity === 'error' ? -1 : 1));
  return (
    <section class="diagnostics" data-testid="diagnostics" aria-label="Diagnostics">
      <ul>
        {sorted.map((d, i) => (
          <li key={i} class={`diagnostic ${d.severity}`} data-testid="diagnostic" data-rule={d.rule} data-severity={d.severity} data-episode={d.episode ?? ''}>
            <button class="reveal" onClick={() => onReveal(d)} title="Show on the timeline">
              <span class="sev" aria-label={d.severity}>{d.severity === 'error' ? '✖' : '⚠'}</span>
              <code>{d.rule}</code>
              {d.episode ? <span class="dim"> {d.episode}</span> : null}
              <span class="message">{d.message}</span>
            </button>
            <div class="hint">Fix: {d.hint}</div>
            <div class="involved">
              {d.requests.map((id) => (
                <button class="link" key={id} title={id} onClick={() => onSelect(id)}>
                  {label(id)}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
