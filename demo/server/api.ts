// The JSON API: login, rotating refresh, and a few protected endpoints.
// Handlers are synchronous and run when the request arrives (a refresh token is
// spent, a write is applied); the server adds the latency afterwards.
import type { AuthService } from './auth';
import { intParam } from './http-util';
import { item, type SessionStore } from './store';

export interface ApiResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Why, for the server log (never a token). */
  note?: string;
}

interface Ctx {
  url: URL;
  body: Record<string, unknown>;
  params: string[];
  sid: string;
  sub: string;
}

interface Route {
  method: string;
  path: RegExp;
  /** Protected routes need a valid `Authorization: Bearer <jwt>`. */
  auth: boolean;
  run: (ctx: Ctx) => ApiResult;
}

export interface ApiDeps {
  auth: AuthService;
  store: SessionStore;
}

const ok = (body: unknown, status = 200): ApiResult => ({ status, body });

function unauthorized(error: string, description: string): ApiResult {
  return {
    status: 401,
    body: { error, message: description },
    headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}"` },
    note: description,
  };
}

function refreshFailureStatus(url: URL, body: Record<string, unknown>): number | undefined {
  const fail = url.searchParams.get('fail') ?? (body.fail === true ? '1' : null);
  if (fail === null || fail === '0') return undefined;
  const status = intParam(url, 'fail', 599);
  return status !== undefined && status >= 400 ? status : 401;
}

function routes({ auth, store }: ApiDeps): Route[] {
  return [
    { method: 'GET', path: /^\/api\/health$/, auth: false, run: () => ok({ ok: true, time: Date.now() }) },
    {
      method: 'POST', path: /^\/api\/auth\/login$/, auth: false,
      run: ({ body }) => {
        const user = typeof body.user === 'string' && body.user !== '' ? body.user : 'demo-user';
        // ttlMs lets a scenario ask for a short-lived, or already expired (<= 0), access token.
        const ttlMs = typeof body.ttlMs === 'number' && Number.isFinite(body.ttlMs) ? body.ttlMs : undefined;
        return { ...ok({ user, ...auth.login(user, ttlMs) }), note: `login ${user}` };
      },
    },
    {
      method: 'POST', path: /^\/api\/auth\/refresh$/, auth: false,
      run: ({ url, body }) => {
        const failStatus = refreshFailureStatus(url, body);
        if (failStatus !== undefined) {
          return { status: failStatus, body: { error: 'refresh_failed', message: 'simulated refresh failure' }, note: 'simulated failure' };
        }
        const result = auth.refresh(typeof body.refreshToken === 'string' ? body.refreshToken : '');
        if (!result.ok) return { status: 401, body: { error: result.reason }, note: result.reason };
        return { ...ok(result.pair), note: 'rotated' };
      },
    },
    { method: 'GET', path: /^\/api\/profile$/, auth: true, run: ({ sub, sid }) => ok({ sub, sid, name: 'Demo User' }) },
    { method: 'GET', path: /^\/api\/items\/(\d+)$/, auth: true, run: ({ params }) => ok(item(Number(params[0]))) },
    { method: 'GET', path: /^\/api\/orders$/, auth: true, run: ({ sid }) => ok(store.get(sid).orders) },
    {
      method: 'POST', path: /^\/api\/orders$/, auth: true,
      run: ({ sid, body }) => {
        const data = store.get(sid);
        const order = { id: data.nextOrderId++, item: Number(body.item) || 1, quantity: Number(body.quantity) || 1, createdAt: Date.now() };
        data.orders.push(order);
        return ok(order, 201);
      },
    },
    {
      method: 'GET', path: /^\/api\/orders\/(\d+)$/, auth: true,
      run: ({ sid, params }) => {
        const order = store.get(sid).orders.find((o) => o.id === Number(params[0]));
        return order ? ok(order) : { status: 404, body: { error: 'no_such_order' } };
      },
    },
    { method: 'GET', path: /^\/api\/settings$/, auth: true, run: ({ sid }) => ok(store.get(sid).settings) },
    {
      method: 'PUT', path: /^\/api\/settings$/, auth: true,
      run: ({ sid, body }) => {
        const settings = store.get(sid).settings;
        if (typeof body.theme === 'string') settings.theme = body.theme;
        return ok(settings);
      },
    },
    {
      // Deliberately answers 401 even to a valid token, like a server that uses
      // 401 for "not allowed". The `loop` scenario uses it to show what an
      // interceptor without a retry guard does with a 401 a refresh cannot fix.
      method: 'GET', path: /^\/api\/reports$/, auth: true,
      run: () => unauthorized('insufficient_scope', 'reports need the admin role'),
    },
  ];
}

export function createApi(deps: ApiDeps) {
  const table = routes(deps);
  return function handle(method: string, url: URL, body: Record<string, unknown>, authorization: string | undefined): ApiResult {
    const matches = table.filter((r) => r.path.test(url.pathname));
    if (matches.length === 0) return { status: 404, body: { error: 'not_found' } };
    const route = matches.find((r) => r.method === method);
    if (!route) return { status: 405, body: { error: 'method_not_allowed' }, headers: { Allow: matches.map((r) => r.method).join(', ') } };
    const params = route.path.exec(url.pathname)!.slice(1);
    if (!route.auth) return route.run({ url, body, params, sid: '', sub: '' });
    const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return unauthorized('missing_token', 'no bearer token');
    const verified = deps.auth.verifyAccess(token);
    if (!verified.ok) return unauthorized(verified.reason === 'expired' ? 'token_expired' : 'invalid_token', `token ${verified.reason}`);
    return route.run({ url, body, params, sid: verified.claims.sid, sub: verified.claims.sub });
  };
}
