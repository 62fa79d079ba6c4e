/** One export as a file: its name, MIME type and text. */
import { toChromeTrace } from './chrome-trace';
import { toHar } from './har-export';
import { nativeFor } from './native-export';
import type { ExportInput } from './trace-input';

export type ExportFormat = 'native' | 'har' | 'perfetto';

export const EXPORT_FORMATS: ReadonlyArray<{ format: ExportFormat; label: string; detail: string }> = [
  { format: 'native', label: 'Refresh Lens trace', detail: 'Opens again in the panel or the viewer exactly as shown' },
  { format: 'har', label: 'HAR', detail: "For Chrome's Network panel and other HAR tools; roles and episodes in _ fields" },
  { format: 'perfetto', label: 'Perfetto trace', detail: 'Chrome Trace Event JSON: requests on role lanes, arrows to refresh and replay' },
];

const SUFFIX: Record<ExportFormat, string> = { native: '.refresh-lens.json', har: '.har', perfetto: '.perfetto.json' };
const TYPE: Record<ExportFormat, string> = { native: 'application/json', har: 'application/json', perfetto: 'application/json' };

export interface ExportedFile {
  name: string;
  type: string;
  text: string;
}

export function exportFile(format: ExportFormat, input: ExportInput, now = new Date()): ExportedFile {
  const data = format === 'native' ? nativeFor(input) : format === 'har' ? toHar(input) : toChromeTrace(input);
  return { name: fileName(input, format, now), type: TYPE[format], text: JSON.stringify(data) };
}

function fileName(input: ExportInput, format: ExportFormat, now: Date): string {
  let host = 'trace';
  try {
    host = new URL(input.result.sessions[0]?.url ?? '').host.replace(/[^a-z0-9.-]+/gi, '-') || host;
  } catch {
    // No page URL: the generic name will do.
  }
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `${host}-${stamp}${input.includeSecrets ? '-WITH-SECRETS' : ''}${SUFFIX[format]}`;
}
