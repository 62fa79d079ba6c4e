import { describe, expect, it } from 'vitest';
import { observeCall, type Watcher } from './observe';

function watcher() {
  const reports: Array<[unknown, boolean]> = [];
  const w: Watcher = { report: (value, failed) => reports.push([value, failed]) };
  return { w, reports };
}

describe('observeCall', () => {
  it('reports a fulfilment handed back unchanged at once, without reading a `then` on it', () => {
    const { w, reports } = watcher();
    let thenReads = 0;
    const config = {
      get then() {
        thenReads++;
        return undefined;
      },
    };
    const out = observeCall((c: unknown) => c, undefined, [config], w, true);
    expect(out).toBe(config);
    expect(reports).toEqual([[config, false]]);
    expect(thenReads).toBe(0);
  });

  it('watches what a fulfilment handler returns when it is another value: a promise settles later', async () => {
    const { w, reports } = watcher();
    const later = Promise.resolve('replayed');
    expect(observeCall(() => later, undefined, [{}], w, true)).toBe(later);
    expect(reports).toEqual([]);
    await later;
    await Promise.resolve();
    expect(reports).toEqual([['replayed', false]]);
  });

  it('looks for `then` on a rejection handler\'s own input handed back: a reason may be a thenable', async () => {
    const { w, reports } = watcher();
    const reason = Promise.reject(new Error('inner'));
    reason.catch(() => undefined);
    observeCall((e: unknown) => e, undefined, [reason], w, false);
    expect(reports).toEqual([]);
    await reason.catch(() => undefined);
    await Promise.resolve();
    expect(reports).toHaveLength(1);
    expect(reports[0][1]).toBe(true);
  });

  it('reports a throw and passes it on untouched', () => {
    const { w, reports } = watcher();
    const error = new Error('boom');
    expect(() =>
      observeCall(
        () => {
          throw error;
        },
        undefined,
        [1],
        w,
        true,
      ),
    ).toThrow(error);
    expect(reports).toEqual([[error, true]]);
  });
});
