/**
 * Random recordings for property tests: named scenarios at random offsets
 * (often overlapping each other) plus random noise — axios calls and bare
 * fetches with random tokens, statuses, holds, replays, token writes, calls
 * that never answer — spread over two page sessions.
 */
import fc from 'fast-check';
import type { TabEvent, TokenRef } from '../../protocol';
import { type AxiosCall, TraceBuilder } from './builder';
import * as scenarios from './scenarios';

const SCENARIOS = Object.keys(scenarios) as Array<keyof typeof scenarios>;
const PATHS = ['/api/a', '/api/b', '/api/c', '/auth/refresh', '/oauth/token', '/me'];
const STATUSES = [200, 200, 200, 204, 401, 401, 403, 500, 0];

const noise = fc.record({
  session: fc.integer({ min: 0, max: 1 }),
  bare: fc.boolean(),
  at: fc.integer({ min: 0, max: 30_000 }),
  path: fc.constantFrom(...PATHS),
  instance: fc.constantFrom('api', 'auth', 'other'),
  token: fc.integer({ min: -1, max: 4 }),
  hold: fc.constantFrom(0.1, 0.1, 5, 60, 400),
  duration: fc.integer({ min: 1, max: 300 }),
  status: fc.constantFrom(...STATUSES),
  answers: fc.constantFrom(true, true, true, false),
  settles: fc.constantFrom(true, true, true, false),
  settleDelay: fc.integer({ min: 0, max: 80 }),
  replayOf: fc.option(fc.nat(), { nil: undefined }),
  write: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
});
type Noise = typeof noise extends fc.Arbitrary<infer T> ? T : never;

export const randomTrace: fc.Arbitrary<TabEvent[]> = fc
  .record({
    scenarios: fc.array(fc.record({ name: fc.constantFrom(...SCENARIOS), at: fc.integer({ min: 0, max: 30_000 }), session: fc.integer({ min: 0, max: 1 }) }), { maxLength: 4 }),
    noise: fc.array(noise, { maxLength: 25 }),
  })
  .map(({ scenarios: picked, noise: items }) => {
    const builders = [new TraceBuilder('s1'), new TraceBuilder('s2')];
    builders.forEach((b, i) => b.page(-1000 + i));
    for (const p of picked) scenarios[p.name](builders[p.session], p.at);
    addNoise(builders, items);
    return builders.flatMap((b) => b.events());
  });

function addNoise(builders: TraceBuilder[], items: Noise[]): void {
  const toks: TokenRef[] = [0, 1, 2, 3, 4].map((i) => builders[0].jwt(`n${i}`, { exp: i * 8000 - 4000, iat: i * 8000 - 60_000 }));
  const calls: AxiosCall[][] = [[], []];
  for (const n of [...items].sort((a, b) => a.at - b.at)) {
    const b = builders[n.session];
    const token = n.token >= 0 ? toks[n.token] : undefined;
    const end = n.at + n.hold + n.duration;
    if (n.bare) {
      const f = b.fetch(n.path.startsWith('/api') ? 'GET' : 'POST', n.path).start(n.at, token);
      if (n.answers) f.end(end, n.status, n.status === 0 ? 'network' : undefined);
    } else {
      const prior = calls[n.session];
      const replayOf = n.replayOf !== undefined && prior.length > 0 ? prior[n.replayOf % prior.length] : undefined;
      const c = b.axios(replayOf?.method ?? 'GET', replayOf?.path ?? n.path, { instance: n.instance, replayOf }).enter(n.at);
      if (n.hold < 400 || n.answers) c.dispatch(n.at + n.hold, token);
      if (n.answers) c.respond(end, n.status);
      if (n.settles) c.settle((n.answers ? end : n.at + n.hold) + n.settleDelay, n.answers ? n.status : undefined);
      prior.push(c);
    }
    if (n.write !== undefined) b.write(end + 0.5, toks[n.write]);
  }
}

/** Splits a list into consecutive batches of the given sizes (cycled). */
export function batches<T>(items: readonly T[], sizes: readonly number[]): T[][] {
  const out: T[][] = [];
  for (let i = 0, k = 0; i < items.length; k++) {
    const n = Math.max(1, sizes[k % sizes.length]);
    out.push(items.slice(i, i + n));
    i += n;
  }
  return out;
}
