import { describe, expect, it } from 'vitest';
import { byId } from './record';

describe('byId', () => {
  it('orders one session’s requests by the number the page gave them, whatever their prefix', () => {
    const ids = ['s1:axr10', 's1:axr9', 's1:x11', 's1:axr100', 's1:f2'];
    expect([...ids].sort(byId)).toEqual(['s1:f2', 's1:axr9', 's1:axr10', 's1:x11', 's1:axr100']);
  });

  it('keeps sessions apart, and ids without a number in plain string order', () => {
    expect(['s2:axr1', 's1:axr2'].sort(byId)).toEqual(['s1:axr2', 's2:axr1']);
    expect(['s1:b', 's1:a'].sort(byId)).toEqual(['s1:a', 's1:b']);
  });
});
