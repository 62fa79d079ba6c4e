#!/usr/bin/env node
// The npm bin: runs the built command line (dist/cli.js, from `npm run build`).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('refresh-lens: the command line is not built: run npm run build\n');
  process.exit(2);
}
const { main } = await import(cli.href);
const status = await main(process.argv.slice(2));
// Exit once stdout has drained: a piped --json report must arrive whole, and a
// steps file's stray timers must not keep a CI job waiting.
process.stdout.write('', () => process.exit(status));
