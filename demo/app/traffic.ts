// What every scenario does once logged in: several requests at once, plus a
// sequence whose order matters, then a read-back of what the server kept.
import type { AxiosInstance } from 'axios';

/** The app-level calls, by label: those still waiting (some forever) and those that failed. */
export class Outstanding {
  readonly pending = new Set<string>();
  readonly failed: string[] = [];
  constructor(private readonly onChange: () => void) {}

  track<T>(label: string, promise: Promise<T>): Promise<T> {
    this.pending.add(label);
    const settle = (failed: boolean) => {
      this.pending.delete(label);
      if (failed) this.failed.push(label);
      this.onChange();
    };
    promise.then(() => settle(false), () => settle(true));
    return promise;
  }
}

export interface TrafficResult {
  /** The theme the server kept; the user's last choice was "light". */
  theme?: string;
}

export const EXPECTED_THEME = 'light';

/**
 * How long the server takes to answer each request of the batch, in send
 * order (?latency=). "reversed" makes the answers, and so the 401s, come back
 * in the reverse of the send order: what an interceptor must cope with.
 * "in-order" keeps them in send order, so a scenario about another bug shows
 * only that bug.
 */
export type AnswerOrder = 'reversed' | 'in-order';
const LATENCIES: Record<AnswerOrder, number[]> = { reversed: [400, 300, 200, 100, 150], 'in-order': [100, 150, 200, 250, 300] };

export interface TrafficOptions {
  answers: AnswerOrder;
  /** Also call /api/reports, which the server answers 401 whatever the token. */
  withReports: boolean;
}

export async function runTraffic(api: AxiosInstance, outstanding: Outstanding, options: TrafficOptions): Promise<TrafficResult> {
  const call = <T>(label: string, request: Promise<T>) => outstanding.track(label, request);
  const [profile, item, dark, light, create] = LATENCIES[options.answers];

  // Sent at once.
  const batch = [
    call('profile', api.get(`/api/profile?latency=${profile}`)),
    call('item 1', api.get(`/api/items/1?latency=${item}`)),
    // The user picked "dark", then "light": these two must reach the server in this order.
    call('save theme dark', api.put(`/api/settings?latency=${dark}`, { theme: 'dark' })),
    call('save theme light', api.put(`/api/settings?latency=${light}`, { theme: EXPECTED_THEME })),
  ];
  // A sequence: the read needs the id that the create returns.
  const order = call('create order', api.post<{ id: number }>(`/api/orders?latency=${create}`, { item: 1 })).then(({ data }) =>
    call('read order', api.get(`/api/orders/${data.id}`)),
  );
  // Answered last, so that its first 401 does not change the order of the others.
  const reports = options.withReports ? [call('reports', api.get('/api/reports?latency=350'))] : [];
  await Promise.allSettled([...batch, order, ...reports]);

  const theme = await call('read theme', api.get<{ theme: string }>('/api/settings')).then(
    ({ data }) => data.theme,
    () => undefined,
  );
  return { theme };
}
