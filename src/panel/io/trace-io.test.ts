import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, SOURCE, type TabEvent } from '../../protocol';
import { toNativeTrace } from '../../trace-file/native';
import { CANARIES, canaryHar } from '../../trace-file/testing/canary-har';
import { TraceBuilder } from '../../trace/testing/builder';
import { correctReactive, refreshFailsHanging } from '../../trace/testing/scenarios';
import { PanelStore } from '../store/panel-store';
import { TraceIO, type FileLike } from './trace-io';

const file = (name: string, text: string): FileLike => ({ name, size: text.length, text: async () => text });
const twoPages = () => {
  const a = new TraceBuilder('s1');
  correctReactive(a.page(-5));
  const b = new TraceBuilder('s2');
  correctReactive(b.page(500), 600);
  return [...a.events(), ...b.events()];
};

describe('TraceIO', () => {
  it('opens a native trace into the store: every page, its end time, and says what it opened', async () => {
    const events = twoPages();
    const store = new PanelStore();
    const io = new TraceIO(store, true);
    await io.open(file('two.json', JSON.stringify(toNativeTrace(events, { creator: 't' }))));
    expect(store.state.recording).toBe(false);
    expect(store.events).toHaveLength(events.length);
    expect(store.result().sessions.map((s) => s.session)).toEqual(['s1', 's2']);
    expect(io.message).toEqual({ kind: 'info', text: 'Opened “two.json”: 14 requests, 2 episodes. Recording is paused.' });
  });

  it('shows a waiting request stranded, as it was when exported, not pending', async () => {
    const b = new TraceBuilder();
    refreshFailsHanging(b.page(-5));
    const events = b.events();
    const store = new PanelStore();
    const end = events[events.length - 1].t + 30_000;
    await new TraceIO(store, false).open(file('t.json', JSON.stringify(toNativeTrace(events, { creator: 't', endTime: end }))));
    expect(store.result().requests.filter((r) => r.stranded)).toHaveLength(2);
    expect(store.result().recordingEnd).toBe(end);
  });

  it('keeps what is shown and says why when a file cannot be opened', async () => {
    const store = new PanelStore();
    const io = new TraceIO(store, true);
    store.receive({ source: SOURCE, v: PROTOCOL_VERSION, kind: 'events', tabId: 1, events: twoPages().slice(0, 5) });
    await io.open(file('bad.json', '{"format":"refresh-lens-trace","version":9,"events":[]}'));
    expect(io.message?.kind).toBe('error');
    expect(io.message?.text).toMatch(/^Could not open “bad.json”: the trace is version 9, newer than this Refresh Lens reads/);
    expect(store.events).toHaveLength(5);
  });

  it('refuses a file that is too large without reading it', async () => {
    const io = new TraceIO(new PanelStore(), true);
    let read = false;
    await io.open({ name: 'huge.har', size: 2 ** 30, text: async () => ((read = true), '') });
    expect(read).toBe(false);
    expect(io.message?.text).toBe('Could not open “huge.har”: the file is 1024 MB; Refresh Lens opens files up to 256 MB.');
  });

  it('exports the secrets of an imported HAR only when asked, and forgets them when the recording is cleared', async () => {
    const store = new PanelStore();
    const io = new TraceIO(store, true);
    await io.open(file('canary.har', JSON.stringify(canaryHar())));
    expect(io.hasSecrets).toBe(true);
    expect(io.file('har', false).text).not.toContain(CANARIES.requestBody);
    expect(io.file('har', true).text).toContain(CANARIES.requestBody);
    store.clear();
    expect(io.hasSecrets).toBe(false);
    expect(io.file('har', true).text).not.toContain(CANARIES.requestBody);
  });

  it('exports what the store shows: after a page load clears the log, only the new page', () => {
    const store = new PanelStore();
    const io = new TraceIO(store, true);
    const events: TabEvent[] = twoPages();
    store.receive({ source: SOURCE, v: PROTOCOL_VERSION, kind: 'events', tabId: 1, events });
    const exported = JSON.parse(io.file('native', false).text) as { events: TabEvent[] };
    expect(new Set(exported.events.map((e) => e.session))).toEqual(new Set(['s2']));
  });
});
