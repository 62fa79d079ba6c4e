import { describe, expect, it } from 'vitest';
import type { TraceRequest } from '../../trace/types';
import { compileFilter, emptyFilter, isFiltering } from './filter';

const req = (over: Partial<TraceRequest>): TraceRequest =>
  ({ id: 'r', session: 's', method: 'GET', url: 'http://x/api/items/1', role: 'normal', start: 0, pending: false, stranded: false, status: 200, ...over }) as TraceRequest;

describe('compileFilter', () => {
  it('matches URL text, role, status class and instance together', () => {
    const f = compileFilter({ text: 'ITEMS', role: 'expired', status: 'auth', instance: 'api' });
    expect(f(req({ role: 'expired', status: 401, instanceId: 'api' }))).toBe(true);
    expect(f(req({ role: 'expired', status: 401, instanceId: 'auth' }))).toBe(false);
    expect(f(req({ role: 'replay', status: 401, instanceId: 'api' }))).toBe(false);
    expect(f(req({ role: 'expired', status: 200, instanceId: 'api' }))).toBe(false);
    expect(f(req({ role: 'expired', status: 401, instanceId: 'api', url: 'http://x/other' }))).toBe(false);
  });

  it('has status classes for pending and failed requests', () => {
    const pending = compileFilter({ ...emptyFilter(), status: 'pending' });
    expect(pending(req({ pending: true, status: undefined }))).toBe(true);
    expect(pending(req({}))).toBe(false);
    expect(compileFilter({ ...emptyFilter(), status: 'failed' })(req({ status: 0 }))).toBe(true);
    expect(compileFilter(emptyFilter())(req({}))).toBe(true);
    expect(isFiltering(emptyFilter())).toBe(false);
  });
});
