/**
 * Chromium with the built extension loaded, on a throw-away profile. Headless
 * by default; the flags keep a CI run quiet and deterministic (see
 * CHROMIUM-NOTES.md). Unpacked extensions need a persistent context.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { CliError } from '../errors';

export interface LaunchOptions {
  executablePath: string;
  extensionDir: string;
  headed: boolean;
}

export interface Browser {
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}

export function chromiumArgs(extensionDir: string, isRoot: boolean): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    // Chromium refuses to start as root with its sandbox on (containers, CI images).
    ...(isRoot ? ['--no-sandbox'] : []),
  ];
}

export async function launchBrowser(o: LaunchOptions): Promise<Browser> {
  const profileDir = mkdtempSync(join(tmpdir(), 'refresh-lens-'));
  const removeProfile = () => rmSync(profileDir, { recursive: true, force: true, maxRetries: 5 });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: o.executablePath,
      headless: !o.headed,
      args: chromiumArgs(o.extensionDir, process.getuid?.() === 0),
    });
  } catch (error) {
    removeProfile();
    const hint = o.headed ? ' (--headed needs a display: run under xvfb-run -a, or drop --headed)' : '';
    throw new CliError(`Chromium (${o.executablePath}) did not start${hint}: ${firstLine(error)}`);
  }
  try {
    const worker =
      context.serviceWorkers().find(isExtensionWorker) ??
      (await context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: 10_000 }));
    return { context, extensionId: extensionIdOf(worker), close: async () => { await context.close(); removeProfile(); } };
  } catch {
    await context.close();
    removeProfile();
    throw new CliError(`Chromium started but the extension in ${o.extensionDir} did not load: rebuild it with npm run build`);
  }
}

// Only our extension is loaded (--disable-extensions-except), so its worker is the extension worker.
const isExtensionWorker = (worker: Worker): boolean => worker.url().startsWith('chrome-extension://');

/** The extension id is the host of its service worker's URL. */
const extensionIdOf = (worker: Worker): string => new URL(worker.url()).host;

export const firstLine = (error: unknown): string => String((error as Error)?.message ?? error).split('\n')[0];
