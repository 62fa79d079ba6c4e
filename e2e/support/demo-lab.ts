import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startDemo } from './demo';
import { launchWithExtension, type Lab } from './extension';

export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

export interface DemoLab {
  lab: Lab;
  demo: Awaited<ReturnType<typeof startDemo>>;
}

/**
 * One demo server and one Chromium with the extension for a whole test file
 * (a browser per test would cost more than the tests on these machines).
 * The returned object is filled in before the first test runs.
 */
export function useDemoLab(chromiumArgs: string[] = []): DemoLab {
  const env = {} as DemoLab;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    env.demo = await startDemo();
    env.lab = await launchWithExtension(chromiumArgs);
  });
  afterAll(async () => {
    await env.lab?.close();
    await env.demo?.close();
  });
  return env;
}
