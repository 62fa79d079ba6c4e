import { beforeEach, describe, expect, it } from 'vitest';
import { claimAxiosId, clearTransportLinks, expectTransport, releaseTransport, setLinkClock } from './transport-link';

let now = 0;
beforeEach(() => {
  clearTransportLinks();
  now = 1_000;
  setLinkClock(() => now);
});

describe('transport links', () => {
  it('hands out the oldest matching registration once', () => {
    expectTransport('a1', 'get', 'https://api.test/users');
    expectTransport('a2', 'GET', 'https://api.test/users');
    expect(claimAxiosId('GET', 'https://api.test/users')).toBe('a1');
    expect(claimAxiosId('GET', 'https://api.test/users')).toBe('a2');
    expect(claimAxiosId('GET', 'https://api.test/users')).toBeUndefined();
  });

  it('matches on method and origin+path, not query or fragment (axios serialises params itself)', () => {
    expectTransport('a1', 'GET', 'https://api.test/users?page=2');
    expectTransport('a2', 'POST', 'https://api.test/users');
    expect(claimAxiosId('GET', 'https://other.test/users')).toBeUndefined();
    expect(claimAxiosId('PUT', 'https://api.test/users')).toBeUndefined();
    expect(claimAxiosId('POST', 'https://api.test/users#x')).toBe('a2');
    expect(claimAxiosId('GET', 'https://api.test/users?page=2&sort=name')).toBe('a1');
  });

  it('forgets a registration when its adapter settled, and after the TTL', () => {
    expectTransport('a1', 'GET', 'https://api.test/x');
    releaseTransport('a1');
    expect(claimAxiosId('GET', 'https://api.test/x')).toBeUndefined();
    expectTransport('a2', 'GET', 'https://api.test/x');
    now += 10_001;
    expect(claimAxiosId('GET', 'https://api.test/x')).toBeUndefined();
  });

  it('registers, prunes and hands out with the built-ins it took at start, whatever the page replaced since', () => {
    const { push, filter, slice, findIndex, splice } = Array.prototype;
    const { toUpperCase } = String.prototype;
    const trap = () => {
      throw new Error('a page function was called');
    };
    let claimed: Array<string | undefined> = [];
    Object.assign(Array.prototype, { push: trap, filter: trap, slice: trap, findIndex: trap, splice: trap });
    String.prototype.toUpperCase = trap;
    try {
      expectTransport('old', 'get', 'https://api.test/x');
      now += 10_001;
      // The expired one is pruned on the way in.
      expectTransport('a1', 'get', 'https://api.test/users');
      expectTransport('a2', 'post', 'https://api.test/users');
      releaseTransport('a2');
      claimed = [claimAxiosId('get', 'https://api.test/users'), claimAxiosId('get', 'https://api.test/x')];
    } finally {
      Object.assign(Array.prototype, { push, filter, slice, findIndex, splice });
      String.prototype.toUpperCase = toUpperCase;
    }
    expect(claimed).toEqual(['a1', undefined]);
  });

  it('keeps the others, oldest first, when one in the middle is released or claimed, or expires', () => {
    for (let i = 0; i < 5; i++) expectTransport(`a${i}`, 'GET', 'https://api.test/x');
    releaseTransport('a1');
    expect(claimAxiosId('GET', 'https://api.test/x')).toBe('a0');
    now += 5_000;
    expectTransport('late', 'GET', 'https://api.test/x');
    releaseTransport('a3');
    now += 5_001;
    // a2 and a4 expired; 'late' has not.
    expect(claimAxiosId('GET', 'https://api.test/x')).toBe('late');
    expect(claimAxiosId('GET', 'https://api.test/x')).toBeUndefined();
    expectTransport('again', 'GET', 'https://api.test/x');
    expect(claimAxiosId('GET', 'https://api.test/x')).toBe('again');
  });

  it('holds a bounded number of registrations', () => {
    for (let i = 0; i < 1000; i++) expectTransport(`a${i}`, 'GET', `https://api.test/${i}`);
    expect(claimAxiosId('GET', 'https://api.test/0')).toBeUndefined();
    expect(claimAxiosId('GET', 'https://api.test/999')).toBe('a999');
  });

  it('never throws at the transport hooks', () => {
    expectTransport('a1', 'GET', 'https://api.test/x');
    expect(() => claimAxiosId(undefined as never, { toString: () => { throw new Error('bad'); } } as never)).not.toThrow();
  });
});
