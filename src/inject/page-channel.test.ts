// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { BRIDGE_READY_EVENT, CONNECT_EVENT, decodeBatchBody, encodeBatchBody, PROTOCOL_VERSION, SOURCE, TO_BRIDGE_EVENT, TO_PAGE_EVENT } from '../protocol';
import { isWrapped, markWrapped } from './disguise';
import { openPageChannel } from './page-channel';

/** A bridge in the same window: takes the node from the connect event, as src/bridge does. */
function fakeBridge(options: { salt?: string; watched?: boolean } = {}) {
  const received: unknown[] = [];
  let node: EventTarget | undefined;
  const onConnect = (event: Event) => {
    if (node) return;
    node = (event as FocusEvent).relatedTarget!;
    event.preventDefault();
    node.addEventListener(TO_BRIDGE_EVENT, (e) => {
      // A header line, then for a batch its body, decoded as the background would.
      const detail = (e as CustomEvent<string>).detail;
      const newline = detail.indexOf('\n');
      const header = JSON.parse(newline < 0 ? detail : detail.slice(0, newline));
      received.push(newline < 0 ? header : { ...header, events: decodeBatchBody(detail.slice(newline + 1), header.first, header.count).events });
    });
    if (options.salt) send({ kind: 'welcome', salt: options.salt });
    if (options.watched !== undefined) send({ kind: 'watch', watched: options.watched });
  };
  const send = (message: object) => node?.dispatchEvent(new CustomEvent(TO_PAGE_EVENT, { detail: JSON.stringify({ source: SOURCE, v: PROTOCOL_VERSION, ...message }) }));
  addEventListener(CONNECT_EVENT, onConnect);
  return { received, send, stop: () => removeEventListener(CONNECT_EVENT, onConnect), get node() { return node; } };
}

let bridge: ReturnType<typeof fakeBridge> | undefined;
afterEach(() => bridge?.stop());

describe('openPageChannel', () => {
  it('hands a private node to the bridge and sends hello, then batches: a JSON header, a newline, the body', () => {
    bridge = fakeBridge();
    const salts: string[] = [];
    const channel = openPageChannel('s1', (salt) => salts.push(salt));
    bridge.send({ kind: 'welcome', salt: 'abc' });
    const t = performance.timeOrigin + 1.5;
    channel.sendBatch(encodeBatchBody([{ type: 'request-end', seq: 7, t, id: 'f1', status: 200 }], performance.timeOrigin), 7, 1, 0);
    expect(salts).toEqual(['abc']);
    expect(bridge.received).toMatchObject([
      { kind: 'hello', session: 's1' },
      { kind: 'batch', session: 's1', first: 7, count: 1, dropped: 0, events: [{ type: 'request-end', seq: 7, id: 'f1', status: 200 }] },
    ]);
    expect((bridge.received[1] as { events: Array<{ t: number }> }).events[0].t).toBeCloseTo(t, 3);
    expect(bridge.node).not.toBeInstanceOf(Window);
  });

  it('offers again when the bridge starts after it', () => {
    const channel = openPageChannel('s2', () => {});
    bridge = fakeBridge();
    dispatchEvent(new Event(BRIDGE_READY_EVENT));
    channel.sendBatch(undefined, 0, 0, 1);
    expect(bridge.received).toMatchObject([{ kind: 'hello', session: 's2' }, { kind: 'batch', first: 0, count: 0, dropped: 1 }]);
  });

  it('a welcome that comes inside its own connect is handed over just after, once the caller is set up', async () => {
    bridge = fakeBridge({ salt: 'early' });
    const order: string[] = [];
    openPageChannel('s3', (salt) => order.push(`welcome ${salt}`));
    order.push('set up');
    await Promise.resolve();
    expect(order).toEqual(['set up', 'welcome early']);
  });

  it('hands on whether a panel watches, and ignores a watch message that does not say', () => {
    bridge = fakeBridge();
    const told: boolean[] = [];
    openPageChannel('s5', () => {}, (watched) => told.push(watched));
    bridge.send({ kind: 'watch', watched: true });
    bridge.send({ kind: 'watch', watched: 'yes' });
    bridge.send({ kind: 'watch' });
    bridge.send({ kind: 'watch', watched: false });
    expect(told).toEqual([true, false]);
  });

  it('a watch that comes inside its own connect follows the welcome, once the caller is set up', async () => {
    bridge = fakeBridge({ salt: 'early', watched: true });
    const order: string[] = [];
    openPageChannel('s6', (salt) => order.push(`welcome ${salt}`), (watched) => order.push(`watched ${watched}`));
    order.push('set up');
    await Promise.resolve();
    expect(order).toEqual(['set up', 'welcome early', 'watched true']);
  });

  it('goes quiet on bye, and retires our wrappers so a fresh copy may install', () => {
    bridge = fakeBridge();
    const wrapper = () => {};
    markWrapped(wrapper);
    const channel = openPageChannel('s4', () => {});
    expect(isWrapped(wrapper)).toBe(true);
    bridge.send({ kind: 'bye' });
    channel.sendBatch(undefined, 0, 0, 0);
    expect(bridge.received).toHaveLength(1);
    expect(isWrapped(wrapper)).toBe(false);
  });
});
