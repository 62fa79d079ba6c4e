// Serves the built demo app (demo/dist). Only files inside distDir are served.
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Refresh Lens demo</title>
<p>The demo app is not built yet. Run <code>npm run build</code>, then reload.</p>`;

function fileFor(distDir: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const root = resolve(distDir);
  const file = resolve(join(root, decoded === '/' ? 'index.html' : decoded));
  if (file !== root && !file.startsWith(root + sep)) return undefined; // no ../ escapes
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

export function serveStatic(res: ServerResponse, distDir: string, pathname: string, method: string): void {
  if (method !== 'GET' && method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const file = fileFor(distDir, pathname);
  if (!file) {
    const missingApp = pathname === '/' && !existsSync(join(distDir, 'index.html'));
    res.writeHead(missingApp ? 503 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(missingApp ? NOT_BUILT : 'Not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': statSync(file).size,
    'Cache-Control': 'no-cache',
  });
  if (method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}
