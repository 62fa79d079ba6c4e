/** Building blocks shared by the scenarios. */
import type { AxiosCall, TraceBuilder } from './builder';

export const HOUR = 3_600_000;

export function tokens(b: TraceBuilder, at: number) {
  return {
    old: b.jwt(`old@${at}`, { exp: at - 1000, iat: at - HOUR }),
    fresh: b.jwt(`new@${at}`, { exp: at + HOUR, iat: at + 80 }),
  };
}

/** GETs sent together (three unless told); the first one to fail starts the only refresh. */
export function threeExpired(b: TraceBuilder, at: number, instances: readonly string[] = ['api', 'api', 'api']) {
  const { old } = tokens(b, at);
  const calls = ['a', 'b', 'c'].slice(0, instances.length).map((name, i) =>
    b.axios('GET', `/api/${name}`, { instance: instances[i] }).enter(at + i).dispatch(at + i + 0.2, old).respond(at + 40 + i, 401),
  );
  return calls;
}

export function refreshCall(b: TraceBuilder, at: number, status = 200, path = '/auth/refresh') {
  return b.axios('POST', path, { instance: 'auth' }).enter(at).dispatch(at + 0.1).respond(at + 49, status).settle(at + 49.5, status);
}

export function replay(b: TraceBuilder, original: AxiosCall, t: number, token: Parameters<AxiosCall['dispatch']>[1], status = 200) {
  return b.axios(original.method, original.path, { instance: original.instance, replayOf: original }).run(t, token, t + 50, status);
}
