import { describe, expect, it } from 'vitest';
import { GONE_CHECK_MS, watchExtensionGone } from './extension-gone';

function fakeTimers() {
  const live = new Map<number, () => void>();
  let next = 0;
  return {
    set: (fn: () => void, ms: number) => {
      expect(ms).toBe(GONE_CHECK_MS);
      live.set(++next, fn);
      return next;
    },
    clear: (handle: unknown) => void live.delete(handle as number),
    tick: () => [...live.values()].forEach((fn) => fn()),
    count: () => live.size,
  };
}

describe('watchExtensionGone', () => {
  it('says nothing while the extension is there, then once when its id goes missing, and stops looking', () => {
    const timers = fakeTimers();
    let alive = true;
    let gone = 0;
    watchExtensionGone(() => alive, () => gone++, timers);
    timers.tick();
    timers.tick();
    expect(gone).toBe(0);
    alive = false;
    timers.tick();
    timers.tick();
    expect(gone).toBe(1);
    expect(timers.count()).toBe(0);
  });

  it('takes a report from elsewhere (a failed connect) as the one time', () => {
    const timers = fakeTimers();
    let gone = 0;
    const watch = watchExtensionGone(() => false, () => gone++, timers);
    watch.gone();
    timers.tick();
    watch.gone();
    expect(gone).toBe(1);
    expect(timers.count()).toBe(0);
  });
});
