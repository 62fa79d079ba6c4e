/**
 * Saves a file the way any page can: a Blob URL on an <a download>, clicked.
 * No network and no extension permission is involved.
 */
import type { ExportedFile } from '../../trace-file/export-file';

export function download(file: ExportedFile, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = file.name;
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  // The download has taken the Blob by the time the click returns; a moment later is safe to let go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
