import { EventEmitter } from 'node:events';
import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { NetworkWatch } from './network-watch';
import { isQuiet } from './quiet';

const request = (url: string) => ({ url: () => url }) as unknown as Request;

describe('NetworkWatch', () => {
  it('counts http(s) requests in flight and when that last changed', () => {
    let now = 1000;
    const source = new EventEmitter();
    const watch = new NetworkWatch(source, () => now);
    const a = request('http://127.0.0.1/api/a');
    const b = request('http://127.0.0.1/api/b');
    now = 1100;
    source.emit('request', a);
    source.emit('request', b);
    expect(watch.inFlight).toBe(2);
    now = 1200;
    source.emit('requestfinished', a);
    now = 1300;
    source.emit('requestfailed', b);
    expect(watch.inFlight).toBe(0);
    expect(watch.lastChange).toBe(1300);
  });

  it('ignores the extension page and data: URLs', () => {
    let now = 0;
    const source = new EventEmitter();
    const watch = new NetworkWatch(source, () => now);
    now = 50;
    source.emit('request', request('chrome-extension://abc/src/panel/panel.html'));
    source.emit('request', request('data:text/plain,x'));
    expect(watch.inFlight).toBe(0);
    expect(watch.lastChange).toBe(0);
  });
});

describe('isQuiet', () => {
  const base = { now: 5000, inFlight: 0, lastActivity: 3000, idleMs: 1000, pendingEpisodes: 0 };
  it('when nothing is in flight, nothing happened for idleMs and no episode is undecided', () => {
    expect(isQuiet(base)).toBe(true);
    expect(isQuiet({ ...base, lastActivity: 4000 })).toBe(true);
  });
  it.each([
    ['a request in flight', { inFlight: 1 }],
    ['recent activity', { lastActivity: 4500 }],
    ['an episode still pending', { pendingEpisodes: 1 }],
  ])('not with %s', (_, change) => expect(isQuiet({ ...base, ...change })).toBe(false));
});
