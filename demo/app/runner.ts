// Runs one scenario: log in, install its interceptor on a fresh axios
// instance, send the traffic, and say "done" on the status element once every
// request has settled or is known to hang.
import { createApiInstance, requestLog } from './http';
import type { Scenario } from './scenarios';
import { authDeps, login } from './session';
import { EXPECTED_THEME, Outstanding, runTraffic, type TrafficResult } from './traffic';

export type RunState = 'idle' | 'running' | 'done' | 'error';

export interface RunReport {
  state: RunState;
  text: string;
}

/** Resolves once `ready()` holds, checked after every change once pending callbacks have run. */
function waitUntil(ready: () => boolean, subscribe: (listener: () => void) => () => void): Promise<void> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!ready()) return;
        unsubscribe();
        resolve();
      }, 0);
    };
    const unsubscribe = subscribe(check);
    check();
  });
}

function describe(result: TrafficResult | undefined, outstanding: Outstanding, startedAt: number): string {
  const run = requestLog.currentRun();
  const refreshes = run.filter((e) => e.url.startsWith('/api/auth/refresh'));
  const refreshFailures = refreshes.filter((e) => e.status !== 200).length;
  const unauthorized = run.filter((e) => e.status === 401 && !refreshes.includes(e)).length;
  const parts = [
    `Done in ${((performance.now() - startedAt) / 1000).toFixed(1)} s.`,
    `${run.length} HTTP requests: ${unauthorized} × 401, ${refreshes.length} refresh call${refreshes.length === 1 ? '' : 's'}` +
      (refreshFailures ? ` (${refreshFailures} failed).` : '.'),
  ];
  const { failed } = outstanding;
  const stuck = [...outstanding.pending];
  parts.push(failed.length ? `Failed in the app: ${failed.join(', ')}.` : stuck.length ? '' : 'Every call the app made succeeded.');
  if (stuck.length) parts.push(`Waiting forever: ${stuck.join(', ')}.`);
  if (result?.theme !== undefined) {
    parts.push(
      result.theme === EXPECTED_THEME
        ? `The server kept theme "${result.theme}", the user's last choice.`
        : `The server kept theme "${result.theme}", but the user's last choice was "${EXPECTED_THEME}".`,
    );
  }
  return parts.filter(Boolean).join(' ');
}

export async function runScenario(scenario: Scenario): Promise<RunReport> {
  const startedAt = performance.now();
  requestLog.beginRun(`${scenario.id} run`);
  try {
    await login(scenario.loginTtlMs);
  } catch {
    return { state: 'error', text: 'Login failed: is the demo server (npm run demo) still running?' };
  }
  const api = createApiInstance();
  const installed = scenario.install(api, authDeps(scenario.refresh)) ?? {};

  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());
  const outstanding = new Outstanding(changed);
  let result: TrafficResult | undefined;
  void runTraffic(api, outstanding, scenario.traffic).then((r) => {
    result = r;
    changed();
  });

  // Done when the traffic has finished, or when nothing is on the wire and
  // every call still waiting sits in the queue of a refresh that failed.
  const stranded = () => installed.stranded?.() ?? 0;
  await waitUntil(
    () => result !== undefined || (stranded() > 0 && requestLog.inFlight() === 0 && outstanding.pending.size === stranded()),
    (listener) => {
      listeners.add(listener);
      const stopLog = requestLog.onChange(listener);
      return () => {
        listeners.delete(listener);
        stopLog();
      };
    },
  );
  return { state: 'done', text: describe(result, outstanding, startedAt) };
}
