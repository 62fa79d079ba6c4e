import {
  BRIDGE_READY_EVENT,
  CONNECT_EVENT,
  PROTOCOL_VERSION,
  SOURCE,
  type BridgeToPage,
  type PageEvent,
  type PageToBridge,
} from '../protocol';

export interface PageChannel {
  sendBatch(events: PageEvent[], dropped: number): void;
}

/**
 * Hands the bridge a private MessagePort. The connect event is dispatched
 * synchronously and only while our scripts run at document_start, before any
 * page script, so page code never sees the port. The bridge cancels the event
 * to say it took the port; when the bridge starts after us it announces
 * itself and we dispatch again.
 */
export function openPageChannel(session: string, onWelcome: (salt: string) => void): PageChannel {
  const channel = new MessageChannel();
  const port = channel.port1;
  let connected = false;

  const offer = (): boolean => {
    const event = new MessageEvent(CONNECT_EVENT, { data: `${SOURCE}:${PROTOCOL_VERSION}`, ports: [channel.port2], cancelable: true });
    connected = !window.dispatchEvent(event);
    return connected;
  };

  port.onmessage = (event: MessageEvent<BridgeToPage>) => {
    const msg = event.data;
    if (msg && msg.source === SOURCE && msg.kind === 'welcome' && typeof msg.salt === 'string') onWelcome(msg.salt);
  };

  const hello: PageToBridge = { source: SOURCE, v: PROTOCOL_VERSION, kind: 'hello', session, url: location.href };
  const onBridgeReady = () => {
    if (!connected && offer()) port.postMessage(hello);
    window.removeEventListener(BRIDGE_READY_EVENT, onBridgeReady);
  };
  if (offer()) port.postMessage(hello);
  else window.addEventListener(BRIDGE_READY_EVENT, onBridgeReady);

  return {
    sendBatch(events, dropped) {
      const batch: PageToBridge = { source: SOURCE, v: PROTOCOL_VERSION, kind: 'batch', session, events, dropped };
      port.postMessage(batch);
    },
  };
}
