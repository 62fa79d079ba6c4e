/**
 * The user's steps (log in, click a button): an ES module whose default export
 * receives the Playwright Page after it loaded. Loaded before Chromium starts
 * so a broken file fails fast, with exit status 2.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { CliError } from './errors';

export type Steps = (page: Page) => unknown;

export async function loadSteps(file: string): Promise<Steps> {
  const path = resolve(file);
  if (!existsSync(path)) throw new CliError(`--steps: no such file ${file}`);
  let mod: { default?: unknown };
  try {
    mod = (await import(/* @vite-ignore */ pathToFileURL(path).href)) as { default?: unknown };
  } catch (error) {
    const hint = /\.ts$/.test(path) ? ' (Node runs JavaScript: write the steps as a .mjs file)' : '';
    throw new CliError(`--steps: cannot load ${file}${hint}: ${String((error as Error)?.message ?? error).split('\n')[0]}`);
  }
  if (typeof mod.default !== 'function') throw new CliError(`--steps: ${file} must export a default function: export default async (page) => { ... }`);
  return mod.default as Steps;
}
