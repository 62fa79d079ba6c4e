import { describe, expect, it } from 'vitest';
import { BatchTables, worst } from './wire-tables';

describe('BatchTables', () => {
  it('writes each string once and names it by the same index, however many others came between', () => {
    const t = new BatchTables();
    const names = ['GET', '/a', 'POST', '/b', '/c'];
    const first = names.map((n) => t.text(n));
    expect(first).toEqual([0, 1, 2, 3, 4]);
    // Back to earlier strings, past the two the table keeps at hand.
    expect(names.map((n) => t.text(n))).toEqual(first);
    expect(t.strings).toEqual(names);
    expect(t.text(undefined)).toBeNull();
    expect(t.text(7)).toBe(7);
  });

  it('writes one token per fingerprint, and a header set once per object, its tokens through the token table', () => {
    const t = new BatchTables();
    const a = { fp: 'aaaaaaaaaaaa', kind: 'jwt' as const };
    const aAgain = { fp: 'aaaaaaaaaaaa', kind: 'jwt' as const };
    const b = { fp: 'bbbbbbbbbbbb', kind: 'opaque' as const };
    expect([t.token(a), t.token(b), t.token(aAgain), t.token(a), t.token(b)]).toEqual([0, 1, 0, 0, 1]);
    expect(t.tokens).toEqual([a, b]);
    const h1 = { authorization: a, accept: 'x' };
    const h2 = { authorization: b };
    expect([t.headers(h1), t.headers(h2), t.headers(h1), t.headers(h1), t.headers(h2)]).toEqual([0, 1, 0, 0, 1]);
    expect(t.headerSets).toEqual([{ authorization: 0, accept: 'x' }, { authorization: 1 }]);
    // A copy with the same contents is another set: the page script hands the same object for unchanged headers.
    expect(t.headers({ ...h1 })).toBe(2);
  });

  it('counts the most each string could add to the body, once', () => {
    const t = new BatchTables();
    t.text('/api/items');
    t.text('/api/items');
    t.plain('axi1');
    expect(t.bytes).toBe(worst('/api/items') + worst('axi1'));
    expect(t.plain(undefined)).toBeNull();
  });
});
