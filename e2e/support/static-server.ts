import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A loopback server for fixture pages: routes by path, everything else 404. */
export async function startStaticServer(routes: Record<string, Handler>): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const handler = routes[path];
    if (handler) handler(req, res);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

export const html = (body: string): Handler => (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(body);
export const json = (status: number, body: unknown): Handler => (_req, res) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
