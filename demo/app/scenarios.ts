// The scenarios: one correct pair (reactive, proactive) and the classic bugs.
import type { AxiosInstance } from 'axios';
import { installProactiveRefresh, installReactiveRefresh } from '../../src/reference';
import { installFirstOnly } from './broken/first-only';
import { installLoop } from './broken/loop';
import { installOutOfOrder } from './broken/out-of-order';
import { installRefreshFails, type Stranding } from './broken/refresh-fails';
import { installStampede } from './broken/stampede';
import type { AuthDeps, RefreshKnobs } from './session';
import type { TrafficOptions } from './traffic';

export const SCENARIO_IDS = ['reactive', 'proactive', 'stampede', 'out-of-order', 'refresh-fails', 'loop', 'first-only'] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export interface Scenario {
  id: ScenarioId;
  title: string;
  correct: boolean;
  /** What the interceptor does. */
  about: string;
  /** What Refresh Lens should show. */
  expect: string;
  /** Lifetime of the access token from the login; 0 means already expired, so the run needs no wait. */
  loginTtlMs: number;
  refresh: RefreshKnobs;
  traffic: TrafficOptions;
  install(api: AxiosInstance, auth: AuthDeps): Partial<Stranding> | void;
}

// A refresh that outlasts the slowest 401 (400 ms): every 401 arrives while it
// runs, so the naive interceptors that use it show their one bug and no other
// (a 401 arriving after the refresh would start another one).
const SLOW_REFRESH_MS = 500;

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'reactive', title: 'Reactive', correct: true, loginTtlMs: 0, refresh: {}, traffic: { answers: 'reversed', withReports: false },
    about: 'The reference response interceptor: the 401s share one refresh, the new token goes into the access_token cookie every request reads, and each failed request is replayed once, in the order the originals were sent.',
    expect: 'One recovered episode: 5 × 401, 1 refresh, 5 replays in send order. "Expired token sent" warnings are expected: sending the expired token is how the reactive approach finds out.',
    install: (api, auth) => void installReactiveRefresh(api, auth),
  },
  {
    id: 'proactive', title: 'Proactive', correct: true, loginTtlMs: 0, refresh: {}, traffic: { answers: 'reversed', withReports: false },
    about: 'The reference request interceptor: it reads the token\'s exp before sending; the token has expired, so one refresh runs and every request waits for it.',
    expect: 'No 401 at all: 1 refresh, every request queued behind it, then sent with the new token.',
    install: (api, auth) => void installProactiveRefresh(api, auth),
  },
  {
    id: 'stampede', title: 'Stampede', correct: false, loginTtlMs: 0, refresh: {}, traffic: { answers: 'in-order', withReports: false },
    about: 'Each 401 starts its own refresh. The server rotates refresh tokens, so refreshes that reuse a spent one get 401 and their requests fail.',
    expect: 'refresh-stampede: about 5 refresh calls for one expiry, some of them 401.',
    install: installStampede,
  },
  {
    id: 'out-of-order', title: 'Out-of-order replays', correct: false, loginTtlMs: 0, refresh: { latencyMs: SLOW_REFRESH_MS }, traffic: { answers: 'reversed', withReports: false },
    about: 'The "failed queue" interceptor replays in the order the 401s came back, not the order the requests were sent. The two theme saves go out in reverse.',
    expect: 'replay-out-of-order: 5 replays in reverse send order; the server keeps theme "dark".',
    install: installOutOfOrder,
  },
  {
    id: 'refresh-fails', title: 'Refresh fails', correct: false, loginTtlMs: 0, refresh: { fail: true, latencyMs: SLOW_REFRESH_MS }, traffic: { answers: 'in-order', withReports: false },
    about: 'The refresh fails; the interceptor rejects the request that started it and forgets the others in its queue. They never settle.',
    expect: 'refresh-failed, then request-stranded for the 4 requests left waiting forever.',
    install: installRefreshFails,
  },
  {
    id: 'loop', title: '401 loop', correct: false, loginTtlMs: 0, refresh: {}, traffic: { answers: 'in-order', withReports: true },
    about: 'No retry guard: /api/reports answers 401 even to a fresh token, and the interceptor refreshes and replays it again each time. The demo gives up after 4 replays; the real bug never does.',
    expect: 'retry-loop: /api/reports sent 5 times (4 replays, the demo\'s cap), a refresh before each replay.',
    install: installLoop,
  },
  {
    id: 'first-only', title: 'First request only', correct: false, loginTtlMs: 0, refresh: { latencyMs: SLOW_REFRESH_MS }, traffic: { answers: 'in-order', withReports: false },
    about: 'Only the request whose 401 started the refresh is replayed; 401s that arrive during the refresh are passed on as errors.',
    expect: 'replay-missing: 5 × 401, 1 refresh, 1 replay; 4 requests fail although the refresh worked.',
    install: installFirstOnly,
  },
];

export function findScenario(id: string | null): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
