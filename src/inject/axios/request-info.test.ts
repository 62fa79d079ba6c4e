import { afterEach, describe, expect, it, vi } from 'vitest';
import Axios1 from 'axios';
import { TokenIdentity } from '../../tokens';
import { sanitizeHeaders } from '../request-headers';
import { configArgument, headerEntriesOf, methodOf, urlOf } from './request-info';

describe('request info', () => {
  it('finds the config argument of request(config) and request(url, config)', () => {
    const c = { url: '/a' };
    expect(configArgument([c])).toBe(c);
    expect(configArgument(['/a', c])).toBe(c);
    expect(configArgument(['/a'])).toBeUndefined();
  });

  it('takes the method from the config, else GET', () => {
    expect(methodOf({ method: 'post' })).toBe('POST');
    expect(methodOf({ method: 'post' })).toBe('POST');
    expect(methodOf({})).toBe('GET');
    expect(methodOf({ method: 'delete' })).toBe('DELETE');
    expect(methodOf({ method: 42 })).toBe('GET');
  });

  it('reuses its entries for 1.x headers, and what sanitizeHeaders remembered of the last call stays as it was', () => {
    const identity = new TokenIdentity();
    identity.setSalt('s');
    const ref = (raw: string) => identity.ref(raw);
    const first = headerEntriesOf({ Accept: 'json', Authorization: 'Bearer aaa' }, 'GET');
    const a = sanitizeHeaders(first, ref);
    const second = headerEntriesOf({ Accept: 'json', Authorization: 'Bearer bbb' }, 'GET');
    expect(second).toBe(first);
    const b = sanitizeHeaders(second, ref);
    expect(b.token).toEqual(ref('bbb'));
    expect(b.token).not.toEqual(a.token);
    expect(sanitizeHeaders(headerEntriesOf({ Accept: 'json', Authorization: 'Bearer bbb' }, 'GET'), ref)).toBe(b);
    expect(headerEntriesOf({ Accept: 'json' }, 'GET')).toEqual([['Accept', 'json']]);
  });

  it('joins baseURL and url as axios does, and adds plain params', () => {
    expect(urlOf({ baseURL: 'https://api.test/v1/', url: '/users' })).toBe('https://api.test/v1/users');
    expect(urlOf({ url: 'users', baseURL: 'https://api.test/v1' })).toBe('https://api.test/v1/users');
    expect(urlOf({ baseURL: 'https://api.test', url: 'https://other.test/x' })).toBe('https://other.test/x');
    expect(urlOf({ baseURL: 'https://api.test', url: 'https://other.test/x', allowAbsoluteUrls: false })).toBe('https://api.test/https://other.test/x');
    expect(urlOf({ url: 'https://api.test/x?a=1', params: { b: 2, c: [3, 4], d: undefined } })).toBe('https://api.test/x?a=1&b=2&c%5B%5D=3&c%5B%5D=4');
    expect(urlOf({ url: 'https://api.test/x', params: new URLSearchParams('q=1') })).toBe('https://api.test/x?q=1');
  });

  it('reads 1.x AxiosHeaders as flat, without mistaking a prototype method named like a bucket for one', () => {
    const headers = new Axios1.AxiosHeaders({ Accept: 'json', Authorization: 'Bearer t' });
    // AxiosHeaders.prototype has methods named get, set, delete...: none is a bucket.
    expect(headerEntriesOf(headers, 'GET')).toEqual([
      ['Accept', 'json'],
      ['Authorization', 'Bearer t'],
    ]);
    expect(headerEntriesOf(headers, 'DELETE')).toEqual([
      ['Accept', 'json'],
      ['Authorization', 'Bearer t'],
    ]);
  });

  describe('the document base', () => {
    afterEach(() => vi.unstubAllGlobals());

    /** A document whose baseURI says how often it was read. */
    function stubDocument(initial: string) {
      const page = { base: initial, reads: 0 };
      vi.stubGlobal('document', {
        get baseURI() {
          page.reads++;
          return page.base;
        },
      });
      return page;
    }

    it('is not read again for the same absolute URL, and is for a relative one, which it changes', () => {
      const page = stubDocument('https://one.test/app/');
      expect(urlOf({ baseURL: 'https://api.test/v1', url: '/same' })).toBe('https://api.test/v1/same');
      const reads = page.reads;
      expect(urlOf({ baseURL: 'https://api.test/v1', url: '/same' })).toBe('https://api.test/v1/same');
      expect(page.reads).toBe(reads);

      expect(urlOf({ url: 'rel' })).toBe('https://one.test/app/rel');
      page.base = 'https://one.test/other/';
      const before = page.reads;
      expect(urlOf({ url: 'rel' })).toBe('https://one.test/other/rel');
      // Read once, whether the last URL is reused or not.
      expect(page.reads).toBe(before + 1);
      expect(urlOf({ url: 'rel' })).toBe('https://one.test/other/rel');
      expect(page.reads).toBe(before + 2);
      // Protocol-relative: the base's scheme still counts.
      expect(urlOf({ url: '//cdn.test/x' })).toBe('https://cdn.test/x');
      page.base = 'http://one.test/';
      expect(urlOf({ url: '//cdn.test/x' })).toBe('http://cdn.test/x');
    });
  });

  it('flattens 0.x nested headers (common < method < own) and reads 1.x flat ones', () => {
    const nested = {
      common: { Accept: 'json', Authorization: 'Bearer old' },
      get: { 'X-Get': '1' },
      post: { 'X-Post': '1' },
      Authorization: 'Bearer new',
      'X-Off': false,
      'X-Many': ['a', 'b'],
    };
    expect(headerEntriesOf(nested, 'GET')).toEqual([
      ['Accept', 'json'],
      ['Authorization', 'Bearer new'],
      ['X-Get', '1'],
      ['X-Many', 'a, b'],
    ]);
    expect(headerEntriesOf({ authorization: 'Bearer t', 'Content-Type': 'application/json' }, 'POST')).toEqual([
      ['authorization', 'Bearer t'],
      ['Content-Type', 'application/json'],
    ]);
  });
});
