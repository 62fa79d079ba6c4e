import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSteps } from './steps';

const dir = mkdtempSync(join(tmpdir(), 'refresh-lens-steps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('loadSteps', () => {
  it('returns the default export of an ES module', async () => {
    const steps = await loadSteps(file('ok.mjs', 'export default async (page) => page.marker;'));
    expect(await steps({ marker: 'clicked' } as never)).toBe('clicked');
  });

  it.each([
    ['missing.mjs', null, /--steps: no such file/],
    ['no-default.mjs', 'export const steps = () => {};', /must export a default function: export default async \(page\)/],
    ['broken.mjs', 'export default async (page) => {', /--steps: cannot load .*broken\.mjs/],
  ])('explains what is wrong with %s', async (name, text, message) => {
    const path = text === null ? join(dir, name) : file(name, text);
    await expect(loadSteps(path)).rejects.toThrow(message);
  });
});
