/**
 * Whether the extension's content scripts will run on a URL, read from the
 * built manifest's `matches`. A page they do not match records nothing, and a
 * report of nothing would pass CI silently; so `record` refuses such a URL.
 * Implements Chrome's match pattern syntax (scheme, host with `*.` prefix,
 * path glob; no port means any port).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function contentScriptMatches(extensionDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    content_scripts?: Array<{ matches?: string[] }>;
  };
  return [...new Set((manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []))];
}

export function urlMatches(url: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => matchOne(new URL(url), p));
}

function matchOne(url: URL, pattern: string): boolean {
  if (pattern === '<all_urls>') return ['http:', 'https:', 'file:', 'ftp:', 'ws:', 'wss:'].includes(url.protocol);
  const m = /^(\*|[a-z-]+):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, host, path] = m;
  if (scheme === '*' ? url.protocol !== 'http:' && url.protocol !== 'https:' : url.protocol !== `${scheme}:`) return false;
  if (!hostMatches(url, host)) return false;
  return glob(path).test(url.pathname + url.search);
}

function hostMatches(url: URL, host: string): boolean {
  if (host === '*') return true;
  const [name, port] = host.split(':');
  if (port !== undefined && port !== '*' && url.port !== port) return false;
  if (name.startsWith('*.')) return url.hostname === name.slice(2) || url.hostname.endsWith(name.slice(1));
  return url.hostname === name;
}

const glob = (path: string) => new RegExp(`^${path.split('*').map(escape).join('.*')}$`);
const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
