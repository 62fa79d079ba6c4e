// Where the app keeps its tokens. The access token lives in a cookie that every
// request reads (the "cookie singleton"); the refresh token in sessionStorage.
import { publicHttp } from './http';

const ACCESS_COOKIE = 'access_token';
const REFRESH_KEY = 'refresh_token';

export function getAccessToken(): string | undefined {
  const match = document.cookie.split('; ').find((c) => c.startsWith(`${ACCESS_COOKIE}=`));
  return match ? decodeURIComponent(match.slice(ACCESS_COOKIE.length + 1)) : undefined;
}

export function setAccessToken(token: string): void {
  document.cookie = `${ACCESS_COOKIE}=${encodeURIComponent(token)}; path=/; SameSite=Strict`;
}

interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

function store(pair: TokenPair): void {
  setAccessToken(pair.accessToken);
  sessionStorage.setItem(REFRESH_KEY, pair.refreshToken);
}

/** A new session. `ttlMs` <= 0 asks for an access token that has already expired. */
export async function login(ttlMs: number): Promise<void> {
  const { data } = await publicHttp.post<TokenPair>('/api/auth/login', { user: 'demo-user', ttlMs });
  store(data);
}

export interface RefreshKnobs {
  /** Make the server refuse this refresh (refresh-fails scenario). */
  fail?: boolean;
  /** Server-side latency of the refresh call. */
  latencyMs?: number;
}

/** Spends the refresh token (the server rotates it) and returns the new access token. */
export async function refreshTokens(knobs: RefreshKnobs = {}): Promise<string> {
  const query = new URLSearchParams();
  if (knobs.fail) query.set('fail', '1');
  if (knobs.latencyMs !== undefined) query.set('latency', String(knobs.latencyMs));
  const url = `/api/auth/refresh${query.toString() ? `?${query}` : ''}`;
  const { data } = await publicHttp.post<TokenPair>(url, { refreshToken: sessionStorage.getItem(REFRESH_KEY) });
  sessionStorage.setItem(REFRESH_KEY, data.refreshToken);
  return data.accessToken;
}

/** What an interceptor gets from the app: read, write and renew the access token. */
export interface AuthDeps {
  getToken: () => string | undefined;
  setToken: (token: string) => void;
  refresh: () => Promise<string>;
}

export function authDeps(knobs: RefreshKnobs): AuthDeps {
  return { getToken: getAccessToken, setToken: setAccessToken, refresh: () => refreshTokens(knobs) };
}
