import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer, type DemoServer } from './server';

let server: DemoServer;
let distDir: string;

beforeAll(async () => {
  distDir = mkdtempSync(join(tmpdir(), 'demo-dist-'));
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>demo</title>');
  writeFileSync(join(distDir, 'app.js'), 'console.log(1)');
  server = await startDemoServer({ port: 0, latencyMs: 0, quiet: true, distDir });
});
afterAll(async () => {
  await server.close();
  rmSync(distDir, { recursive: true, force: true });
});

async function call(method: string, path: string, init: { token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  const res = await fetch(new URL(path, server.url), { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return { status: res.status, body: (await res.json()) as Record<string, any>, headers: res.headers };
}

const login = async (ttlMs?: number) => (await call('POST', '/api/auth/login', { body: { user: 'alice', ttlMs } })).body;
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

describe('demo server', () => {
  it('listens on a free loopback port', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('logs in with a signed JWT carrying sub, iat and exp', async () => {
    const pair = await login();
    const claims = claimsOf(pair.accessToken);
    expect(claims.sub).toBe('alice');
    expect(claims.exp * 1000).toBe(pair.expiresAt);
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
    expect(claims.iat).toBeLessThanOrEqual(Date.now() / 1000);
    expect(typeof pair.refreshToken).toBe('string');
  });

  it('answers protected endpoints with 200 for a valid token and 401 without one', async () => {
    const { accessToken } = await login();
    expect((await call('GET', '/api/profile', { token: accessToken })).body.sub).toBe('alice');
    expect((await call('GET', '/api/items/3', { token: accessToken })).body).toMatchObject({ id: 3 });
    const missing = await call('GET', '/api/profile');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect((await call('GET', '/api/orders', { token: accessToken + 'x' })).status).toBe(401);
  });

  it('answers 401 token_expired for an already-expired token', async () => {
    const { accessToken, expiresAt } = await login(0);
    expect(expiresAt).toBeLessThanOrEqual(Date.now());
    const res = await call('GET', '/api/profile', { token: accessToken });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('token_expired');
  });

  it('rotates refresh tokens and rejects a reused or unknown one', async () => {
    const first = await login(0);
    const refreshed = await call('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(first.refreshToken);
    expect((await call('GET', '/api/profile', { token: refreshed.body.accessToken })).status).toBe(200);
    const reused = await call('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(reused).toMatchObject({ status: 401, body: { error: 'refresh-token-reused' } });
    expect((await call('POST', '/api/auth/refresh', { body: { refreshToken: 'nope' } })).status).toBe(401);
    expect((await call('POST', '/api/auth/refresh', { body: { refreshToken: refreshed.body.refreshToken } })).status).toBe(200);
  });

  it('fails the refresh on request, without spending the refresh token', async () => {
    const { refreshToken } = await login(0);
    expect((await call('POST', '/api/auth/refresh?fail=1', { body: { refreshToken } })).status).toBe(401);
    expect((await call('POST', '/api/auth/refresh?fail=503', { body: { refreshToken } })).status).toBe(503);
    expect((await call('POST', '/api/auth/refresh', { body: { refreshToken } })).status).toBe(200);
  });

  it('keeps orders and settings per session', async () => {
    const a = await login();
    const b = await login();
    const created = await call('POST', '/api/orders', { token: a.accessToken, body: { item: 2 } });
    expect(created.status).toBe(201);
    expect((await call('GET', `/api/orders/${created.body.id}`, { token: a.accessToken })).body.item).toBe(2);
    expect((await call('GET', `/api/orders/${created.body.id}`, { token: b.accessToken })).status).toBe(404);
    await call('PUT', '/api/settings', { token: a.accessToken, body: { theme: 'dark' } });
    expect((await call('GET', '/api/settings', { token: a.accessToken })).body.theme).toBe('dark');
    expect((await call('GET', '/api/settings', { token: b.accessToken })).body.theme).toBe('system');
  });

  it('answers 401 from /api/reports even to a valid token (loop scenario)', async () => {
    const { accessToken } = await login();
    expect((await call('GET', '/api/reports', { token: accessToken })).status).toBe(401);
  });

  it('serves the built app with content types and refuses paths outside distDir', async () => {
    const index = await fetch(server.url);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await index.text()).toContain('<title>demo</title>');
    expect((await fetch(new URL('/app.js', server.url))).headers.get('content-type')).toMatch(/^text\/javascript/);
    // %2f survives URL parsing, so only the server's own check stops this one.
    expect((await fetch(new URL('/..%2f..%2f..%2f..%2fetc%2fpasswd', server.url))).status).toBe(404);
    expect((await fetch(new URL('/api/nope', server.url))).status).toBe(404);
  });
});
