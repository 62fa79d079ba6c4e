/**
 * Test support (not bundled): an InjectContext that records as the page
 * script does, through a real Batcher and TokenIdentity; batches are sent
 * only when a test flushes, into `bodies` (and their event counts).
 */
import { TokenIdentity } from '../tokens';
import { Batcher, PAGE_BATCHING } from './batcher';
import { createInjectContext, type InjectContext } from './context';

export interface TestPageContext {
  ctx: InjectContext;
  bodies: string[];
  counts: number[];
  flush(): void;
}

export function testPageContext(): TestPageContext {
  const identity = new TokenIdentity();
  identity.setSalt('salt');
  const bodies: string[] = [];
  const counts: number[] = [];
  const batcher = new Batcher({
    ...PAGE_BATCHING,
    origin: performance.timeOrigin,
    send: (body, _first, count) => {
      if (body === undefined) return;
      bodies.push(body);
      counts.push(count);
    },
    setTimer: () => 0,
    clearTimer: () => undefined,
    onHide: () => undefined,
  });
  batcher.connect();
  const now = performance.now.bind(performance);
  const ctx = createInjectContext({
    emit: (event) => batcher.push(event),
    stepEvent: () => batcher.nextStep(),
    repeatStep: (index, t, id, n, instanceId, a, b, c, d) => batcher.repeatStep(index, t, id, n, instanceId, a, b, c, d),
    now: () => performance.timeOrigin + now(),
    tokenRef: (raw) => identity.ref(raw),
  });
  return { ctx, bodies, counts, flush: () => batcher.flush() };
}
