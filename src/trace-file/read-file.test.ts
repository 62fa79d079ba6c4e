import { describe, expect, it } from 'vitest';
import { TraceBuilder } from '../trace/testing/builder';
import { correctReactive } from '../trace/testing/scenarios';
import { toNativeTrace } from './native';
import { checkFileSize, readTraceText } from './read-file';
import { canaryHar } from './testing/canary-har';

const nativeText = () => {
  const b = new TraceBuilder();
  correctReactive(b.page(-1));
  return JSON.stringify(toNativeTrace(b.events(), { creator: 'test' }));
};
const error = (text: string) => {
  const r = readTraceText(text);
  return r.ok ? undefined : r.error;
};

describe('opening a file', () => {
  it('tells a native trace from a HAR', () => {
    expect(readTraceText(nativeText())).toMatchObject({ ok: true, value: { kind: 'native' } });
    expect(readTraceText(JSON.stringify(canaryHar()))).toMatchObject({ ok: true, value: { kind: 'har' } });
  });

  it('says clearly what is wrong, without quoting the file', () => {
    expect(error('<img src=x onerror=alert(1)>')).toBe('the file is not JSON: Refresh Lens opens its own trace files (.json) and HAR files (.har)');
    expect(error('{"a": <img src=x onerror=alert(1)>}')).toMatch(/^the file is not valid JSON/);
    expect(error(nativeText().slice(0, 500))).toBe('the file is not valid JSON: it ends too early (is it truncated?)');
    expect(error('{"format":"refresh-lens-trace","version":2,"events":[]}')).toContain('newer than this Refresh Lens reads');
    expect(error('{"format":"refresh-lens-trace","version":"1","events":[]}')).toContain('no version number');
    expect(error('{"traceEvents":[]}')).toContain('Chrome trace event file');
    expect(error('{"hello":"world"}')).toContain('neither');
    expect(error('42')).toContain('not an object');
    expect(error('{"format":"refresh-lens-trace","version":1,"events":[{"type":"x","session":"s"}]}')).toContain('none of the trace');
  });

  it('refuses empty and oversized files before reading them', () => {
    expect(checkFileSize(0)).toBe('the file is empty');
    expect(checkFileSize(300 * 2 ** 20)).toBe('the file is 300 MB; Refresh Lens opens files up to 256 MB');
    expect(checkFileSize(100 * 2 ** 20)).toBeUndefined();
  });

  it('reads a 100 MB HAR (large bodies) and keeps only what the panel needs in the events', () => {
    const har = canaryHar() as { log: { entries: Array<{ response: { content: { text?: string } } }> } };
    const body = 'x'.repeat(34 * 2 ** 20);
    for (const e of har.log.entries) e.response.content.text = body;
    const text = JSON.stringify(har);
    expect(text.length).toBeGreaterThan(100 * 2 ** 20);
    const r = readTraceText(text);
    expect(r.ok && JSON.stringify(r.value.events).length).toBeLessThan(10_000);
  });
});
