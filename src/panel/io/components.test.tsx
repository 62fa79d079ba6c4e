// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { canaryHar } from '../../trace-file/testing/canary-har';
import { ExportMenu } from '../components/ExportMenu';
import { ImportNotice } from '../components/ImportButton';
import { PanelStore } from '../store/panel-store';
import { TraceIO } from './trace-io';

let root: HTMLElement;
const $ = (testId: string) => root.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
const click = (el: HTMLElement | null) => act(() => el!.click());

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

async function mount(withHar: boolean) {
  const io = new TraceIO(new PanelStore(), true);
  if (withHar) await io.open({ name: 'c.har', size: 1, text: async () => JSON.stringify(canaryHar()) });
  act(() => render(<><ExportMenu io={io} disabled={false} /><ImportNotice io={io} /></>, root));
  return io;
}

describe('Export menu', () => {
  it('offers the three formats; "include secrets" is off, and disabled when there are none', async () => {
    await mount(false);
    click($('export-button'));
    expect(['export-native', 'export-har', 'export-perfetto'].every((id) => $(id))).toBe(true);
    const secrets = $('export-include-secrets') as HTMLInputElement;
    expect(secrets.checked).toBe(false);
    expect(secrets.disabled).toBe(true);
  });

  it('warns before secrets are included, and forgets the choice when it closes', async () => {
    await mount(true);
    click($('export-button'));
    expect($('secrets-warning')).toBeNull();
    click($('export-include-secrets'));
    expect($('secrets-warning')?.textContent).toContain('Anyone who gets the file can use them');
    click($('export-button'));
    click($('export-button'));
    expect(($('export-include-secrets') as HTMLInputElement).checked).toBe(false);
  });

  it('downloads through a Blob URL and an <a download>, then closes', async () => {
    await mount(false);
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toMatch(/\.har$/);
    });
    click($('export-button'));
    click($('export-har'));
    expect(created).toHaveBeenCalledOnce();
    expect(clicked).toHaveBeenCalledOnce();
    expect($('export-menu')).toBeNull();
  });
});

describe('Import notice', () => {
  it('shows an error as an alert, as text: a hostile file name creates no element', async () => {
    const io = await mount(false);
    await act(() => io.open({ name: '<img src=x onerror="globalThis.pwned=1">.json', size: 5, text: async () => 'nope!' }));
    const alert = root.querySelector('[role=alert]');
    expect(alert?.textContent).toContain('Could not open “<img src=x onerror="globalThis.pwned=1">.json”: the file is not JSON');
    expect(root.querySelector('img')).toBeNull();
  });
});
