// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { BRIDGE_READY_EVENT, CONNECT_EVENT, PROTOCOL_VERSION, SOURCE, TO_BRIDGE_EVENT, TO_PAGE_EVENT } from '../protocol';
import { isWrapped, markWrapped } from './disguise';
import { openPageChannel } from './page-channel';

/** A bridge in the same window: takes the node from the connect event, as src/bridge does. */
function fakeBridge(options: { salt?: string } = {}) {
  const received: unknown[] = [];
  let node: EventTarget | undefined;
  const onConnect = (event: Event) => {
    if (node) return;
    node = (event as FocusEvent).relatedTarget!;
    event.preventDefault();
    node.addEventListener(TO_BRIDGE_EVENT, (e) => received.push(JSON.parse((e as CustomEvent<string>).detail)));
    if (options.salt) send({ kind: 'welcome', salt: options.salt });
  };
  const send = (message: object) => node?.dispatchEvent(new CustomEvent(TO_PAGE_EVENT, { detail: JSON.stringify({ source: SOURCE, v: PROTOCOL_VERSION, ...message }) }));
  addEventListener(CONNECT_EVENT, onConnect);
  return { received, send, stop: () => removeEventListener(CONNECT_EVENT, onConnect), get node() { return node; } };
}

let bridge: ReturnType<typeof fakeBridge> | undefined;
afterEach(() => bridge?.stop());

describe('openPageChannel', () => {
  it('hands a private node to the bridge and sends hello, then batches, as JSON', () => {
    bridge = fakeBridge();
    const salts: string[] = [];
    const channel = openPageChannel('s1', (salt) => salts.push(salt));
    bridge.send({ kind: 'welcome', salt: 'abc' });
    channel.sendBatch([{ type: 'request-end', seq: 0, t: 1, id: 'f1', status: 200 }], 0);
    expect(salts).toEqual(['abc']);
    expect(bridge.received).toMatchObject([{ kind: 'hello', session: 's1' }, { kind: 'batch', session: 's1', events: [{ seq: 0 }], dropped: 0 }]);
    expect(bridge.node).not.toBeInstanceOf(Window);
  });

  it('offers again when the bridge starts after it', () => {
    const channel = openPageChannel('s2', () => {});
    bridge = fakeBridge();
    dispatchEvent(new Event(BRIDGE_READY_EVENT));
    channel.sendBatch([], 1);
    expect(bridge.received).toMatchObject([{ kind: 'hello', session: 's2' }, { kind: 'batch', dropped: 1 }]);
  });

  it('a welcome that comes inside its own connect is handed over just after, once the caller is set up', async () => {
    bridge = fakeBridge({ salt: 'early' });
    const order: string[] = [];
    openPageChannel('s3', (salt) => order.push(`welcome ${salt}`));
    order.push('set up');
    await Promise.resolve();
    expect(order).toEqual(['set up', 'welcome early']);
  });

  it('goes quiet on bye, and retires our wrappers so a fresh copy may install', () => {
    bridge = fakeBridge();
    const wrapper = () => {};
    markWrapped(wrapper);
    const channel = openPageChannel('s4', () => {});
    expect(isWrapped(wrapper)).toBe(true);
    bridge.send({ kind: 'bye' });
    channel.sendBatch([], 0);
    expect(bridge.received).toHaveLength(1);
    expect(isWrapped(wrapper)).toBe(false);
  });
});
