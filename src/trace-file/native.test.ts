import { describe, expect, it } from 'vitest';
import type { TabEvent } from '../protocol';
import { readNativeTrace, toNativeTrace, TRACE_VERSION } from './native';

const events: TabEvent[] = [
  { type: 'page-start', seq: 0, t: 1, url: 'http://x/', readyState: 'loading', session: 's' },
  { type: 'request-start', seq: 1, t: 2, id: 'f1', transport: 'fetch', method: 'GET', url: 'http://x/a', headers: {}, session: 's' },
];

describe('native trace', () => {
  it('round-trips through JSON', () => {
    const trace = toNativeTrace(events, { creator: 'test', url: 'http://x/' });
    const read = readNativeTrace(JSON.parse(JSON.stringify(trace)));
    expect(read).toMatchObject({ ok: true, skipped: 0, value: { events, creator: 'test', redacted: true, version: TRACE_VERSION } });
  });

  it('says clearly what is wrong with a file that is not one', () => {
    expect(readNativeTrace([])).toMatchObject({ ok: false, error: expect.stringContaining('not a JSON object') });
    expect(readNativeTrace({ format: 'har' })).toMatchObject({ ok: false, error: expect.stringContaining('"format"') });
    expect(readNativeTrace({ format: 'refresh-lens-trace', version: 99, events: [] })).toMatchObject({ ok: false, error: expect.stringContaining('newer') });
    expect(readNativeTrace({ format: 'refresh-lens-trace', version: 1 })).toMatchObject({ ok: false, error: expect.stringContaining('"events"') });
  });

  it('skips and counts events that fail the protocol checks', () => {
    const hostile = [...events, { type: 'request-start', seq: 2, t: 3, session: 's', id: '<img src=x onerror=alert(1)>' }, { type: 'x' }, null];
    const read = readNativeTrace({ format: 'refresh-lens-trace', version: 1, events: hostile });
    expect(read).toMatchObject({ ok: true, skipped: 3 });
  });
});
