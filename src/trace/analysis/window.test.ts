import { describe, expect, it } from 'vitest';
import type { Generation } from '../handlers/generation';
import { RequestsHandler } from '../handlers/requests';
import { TraceBuilder, T0 } from '../testing/builder';
import { ms } from '../units';
import { EpisodeWork } from './episode-work';
import { collectWindow, windowStart } from './window';

function episode(spanStart: number, spanEnd: number, closed = true): EpisodeWork {
  const ep = new EpisodeWork('auth-failure', 'k', ms(spanStart));
  Object.assign(ep, { spanStart, spanEnd, closed });
  return ep;
}
const gen = (firstSeen: number) => ({ firstSeen }) as Generation;

describe('windowStart', () => {
  it('starts at the earliest change when no kept episode reaches it', () => {
    expect(windowStart(500, [episode(100, 200)], [], 1000)).toBe(500);
  });

  it('moves back to the start of an episode the change falls in, and of any still open', () => {
    expect(windowStart(500, [episode(100, 600)], [], 1000)).toBe(100);
    expect(windowStart(500, [episode(50, 60), episode(300, Infinity, false)], [], 1000)).toBe(300);
  });

  it('moves back far enough for any call that can have produced a token first seen after it', () => {
    expect(windowStart(5000, [], [gen(5200)], 1000)).toBe(4200);
    // ...which can land inside an episode, and so on.
    expect(windowStart(5000, [episode(3000, 4500)], [gen(5200)], 1000)).toBe(3000);
    expect(windowStart(5000, [], [gen(7000)], 1000)).toBe(5000);
  });
});

describe('collectWindow', () => {
  it('holds the requests with any time after t0 and the unsettled ones, less the members of kept episodes', () => {
    const b = new TraceBuilder();
    b.axios('GET', '/old').run(0, undefined, 10, 200);
    const long = b.axios('GET', '/long').run(5, undefined, 5000, 200);
    const hanging = b.axios('GET', '/hanging').enter(6).dispatch(7);
    const kept = b.axios('GET', '/kept').enter(8).dispatch(9);
    const recent = b.axios('GET', '/recent').run(3000, undefined, 3010, 200);
    const h = new RequestsHandler();
    for (const e of b.events()) h.handleEvent(e);
    h.byId.get(kept.id)!.episodeLink = { id: 'e1', discarded: false };
    const t0 = T0 + 2000;
    expect(collectWindow(h, t0).map((r) => r.id)).toEqual([long.id, hanging.id, recent.id]);
    expect(collectWindow(h, -Infinity)).toHaveLength(5);
  });
});
