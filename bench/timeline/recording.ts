import type { TabEvent } from '../../src/protocol';
import { TraceBuilder } from '../../src/trace/testing/builder';
import { correctReactive, outOfOrder, stampede } from '../../src/trace/testing/scenarios';

/**
 * A long recording of `requests` requests: mostly ordinary calls, a few at
 * a time, with a refresh episode every thousand requests or so.
 */
export function bigRecording(requests: number): TabEvent[] {
  const b = new TraceBuilder();
  const token = b.jwt('steady', { exp: 10 * 3_600_000 });
  const episodes = [correctReactive, outOfOrder, stampede];
  let made = 0;
  let t = 0;
  let n = 0;
  while (made < requests) {
    if (n++ % 1000 === 999) {
      episodes[n % episodes.length](b, t);
      made += 10;
      t += 400;
      continue;
    }
    const duration = 5 + ((n * 37) % 120);
    b.fetch('GET', `/api/items/${n}`).start(t, token).end(t + duration, 200);
    made++;
    t += 3 + ((n * 13) % 7);
  }
  return b.events();
}
