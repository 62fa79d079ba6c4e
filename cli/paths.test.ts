import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtExtensionDir, packageRoot } from './paths';

const dir = mkdtempSync(join(tmpdir(), 'refresh-lens-paths-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('paths', () => {
  it('finds the package root from any folder inside it', () => {
    const root = packageRoot();
    expect(existsSync(join(root, 'cli', 'paths.ts'))).toBe(true);
    expect(packageRoot(join(root, 'src', 'trace'))).toBe(root);
  });

  it('"extension not built: run npm run build" when extension/ has no manifest', () => {
    expect(() => builtExtensionDir(dir)).toThrow(/extension not built \(.*\): run npm run build/);
    mkdirSync(join(dir, 'extension'));
    writeFileSync(join(dir, 'extension', 'manifest.json'), '{}');
    expect(builtExtensionDir(dir)).toBe(join(dir, 'extension'));
  });
});
