import { describe, expect, it } from 'vitest';
import { urlMatches } from './match-pattern';

const MANIFEST = ['http://localhost/*', 'http://127.0.0.1/*'];

describe('urlMatches (Chrome match patterns)', () => {
  it.each([
    ['http://127.0.0.1:5178/?scenario=reactive&run=1', true],
    ['http://localhost/', true],
    ['http://localhost:3000/app/login', true],
    ['https://localhost/', false], // the scheme is part of the pattern
    ['http://example.com/', false],
    ['http://localhost.example.com/', false],
  ])('%s against the manifest: %s', (url, expected) => expect(urlMatches(url, MANIFEST)).toBe(expected));

  it('supports *, *. hosts, ports and path globs', () => {
    expect(urlMatches('https://app.example.com/x', ['*://*.example.com/*'])).toBe(true);
    expect(urlMatches('https://example.com/x', ['*://*.example.com/*'])).toBe(true);
    expect(urlMatches('ftp://example.com/x', ['*://*.example.com/*'])).toBe(false);
    expect(urlMatches('http://localhost:8080/', ['http://localhost:8080/*'])).toBe(true);
    expect(urlMatches('http://localhost:9090/', ['http://localhost:8080/*'])).toBe(false);
    expect(urlMatches('http://h/app/page', ['http://h/app/*'])).toBe(true);
    expect(urlMatches('http://h/other', ['http://h/app/*'])).toBe(false);
    expect(urlMatches('https://anything.test/', ['<all_urls>'])).toBe(true);
  });
});
