import { describe, expect, it } from 'vitest';
import { analyzeEvents } from '../trace/model';
import { exportFile, EXPORT_FORMATS } from './export-file';
import { readTraceData, readTraceText } from './read-file';
import { CANARIES, canaryHar } from './testing/canary-har';
import type { ExportInput } from './trace-input';

const canaries = Object.entries(CANARIES);
const leaked = (text: string) => canaries.filter(([, value]) => text.includes(value)).map(([name]) => name);

function imported(): ExportInput {
  const read = readTraceData(canaryHar());
  if (!read.ok) throw new Error(read.error);
  const { events, originals } = read.value;
  return { events, originals, result: analyzeEvents(events), creator: 'test' };
}

describe('canaries: secrets of an imported HAR', () => {
  it('never reach the events the panel holds', () => {
    expect(leaked(JSON.stringify(imported().events))).toEqual([]);
  });

  for (const { format } of EXPORT_FORMATS) {
    it(`are not in a default ${format} export`, () => {
      expect(leaked(exportFile(format, imported()).text)).toEqual([]);
    });
  }

  it('are all in a HAR exported with "include secrets"', () => {
    expect(leaked(exportFile('har', { ...imported(), includeSecrets: true }).text).sort()).toEqual(canaries.map(([name]) => name).sort());
  });

  it('are in the Perfetto URLs with "include secrets", and never in the native trace, which holds fingerprints only', () => {
    expect(leaked(exportFile('perfetto', { ...imported(), includeSecrets: true }).text)).toEqual(['query']);
    expect(leaked(exportFile('native', { ...imported(), includeSecrets: true }).text)).toEqual([]);
  });

  it('stay out when a redacted HAR export is imported and exported again, even with "include secrets"', () => {
    const again = readTraceText(exportFile('har', imported()).text);
    if (!again.ok) throw new Error(again.error);
    const input = { events: again.value.events, originals: again.value.originals, result: analyzeEvents(again.value.events), creator: 'test', includeSecrets: true };
    for (const { format } of EXPORT_FORMATS) expect(leaked(exportFile(format, input).text)).toEqual([]);
  });

  it('survive a HAR exported with secrets and imported again, for the next export with secrets only', () => {
    const again = readTraceText(exportFile('har', { ...imported(), includeSecrets: true }).text);
    if (!again.ok) throw new Error(again.error);
    const input = { events: again.value.events, originals: again.value.originals, result: analyzeEvents(again.value.events), creator: 'test' };
    expect(leaked(exportFile('har', input).text)).toEqual([]);
    expect(leaked(exportFile('har', { ...input, includeSecrets: true }).text)).toContain('requestBody');
  });
});
