/**
 * Where the built extension is. The CLI runs from source (tests, tsx) and
 * bundled (dist/cli.js), so the repository root is found by walking up to the
 * package.json named refresh-lens rather than by a fixed relative path.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from './errors';

export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readName(manifest) === 'refresh-lens') return dir;
    if (dirname(dir) === dir) throw new CliError(`cannot find the refresh-lens package above ${from}`);
  }
}

function readName(file: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The unpacked extension `npm run build` writes; a CliError when it is not there. */
export function builtExtensionDir(root = packageRoot()): string {
  const dir = join(root, 'extension');
  if (!existsSync(join(dir, 'manifest.json'))) throw new CliError(`extension not built (${dir} has no manifest.json): run npm run build`);
  return dir;
}
