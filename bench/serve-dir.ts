import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { Handler } from '../e2e/support/static-server';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/** Routes for every file under `dir`, for the loopback static server. */
export function serveDir(dir: string): Record<string, Handler> {
  const routes: Record<string, Handler> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else routes[`/${relative(dir, path)}`] = (_req, res) => res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
    }
  };
  walk(dir);
  return routes;
}
