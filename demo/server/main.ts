// CLI: `npm run demo [-- --port N --token-lifetime MS --latency MS --quiet]`.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DIST_DIR, startDemoServer } from './server';

const DEFAULT_PORT = 5178;
const REPO_ROOT = resolve(DEFAULT_DIST_DIR, '../..');

function usage(message: string): never {
  console.error(`${message}\nusage: npm run demo -- [--port N] [--token-lifetime MS] [--latency MS] [--quiet]`);
  process.exit(2);
}

function intOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) usage(`${name} must be a non-negative integer, got "${value}"`);
  return Number(value);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      'token-lifetime': { type: 'string' },
      latency: { type: 'string' },
      quiet: { type: 'boolean' },
    },
  }));
} catch (error) {
  usage((error as Error).message);
}

const server = await startDemoServer({
  port: intOption(values.port ?? process.env.PORT, '--port', DEFAULT_PORT),
  tokenLifetimeMs: intOption(values['token-lifetime'], '--token-lifetime', 5000),
  latencyMs: intOption(values.latency, '--latency', 150),
  quiet: values.quiet ?? false,
}).catch((error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') usage('that port is in use: pass --port N (0 picks a free one)');
  throw error;
});

const extensionDir = join(REPO_ROOT, 'extension');
console.log(`Refresh Lens demo, open: ${server.url}/`);
console.log(`Extension folder for "Load unpacked" in chrome://extensions: ${extensionDir}`);
if (!existsSync(join(DEFAULT_DIST_DIR, 'index.html')) || !existsSync(join(extensionDir, 'manifest.json'))) {
  console.log('The demo app or the extension is not built yet: run `npm run build` first.');
}

const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
