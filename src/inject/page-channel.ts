import {
  BRIDGE_READY_EVENT,
  CONNECT_EVENT,
  PROTOCOL_VERSION,
  SOURCE,
  TO_BRIDGE_EVENT,
  TO_PAGE_EVENT,
  type PageToBridge,
} from '../protocol';
import { retireWrappers } from './disguise';
import { apply } from '../protocol/intrinsics';

export interface PageChannel {
  /** `count` events numbered from `first`, in a wire-format body; `dropped` events were numbered right after them. */
  sendBatch(body: string | undefined, first: number, count: number, dropped: number): void;
}

/**
 * Hands the bridge a private channel: a detached DOM node, passed as the
 * `relatedTarget` of a connect event dispatched synchronously on window while
 * our scripts run at document_start, before any page script. Messages then
 * travel as events dispatched on that node, which page code never sees.
 * Dispatch is synchronous, so a batch flushed on pagehide still reaches the
 * bridge before the document goes away. The bridge cancels the connect event
 * to say it took the node; when the bridge starts after us it announces
 * itself and we offer again.
 */
export function openPageChannel(session: string, onWelcome: (salt: string) => void, onWatch: (watched: boolean) => void = () => {}): PageChannel {
  // Captured now: page scripts that run later may replace any of these, and
  // must not see our node or our messages through their replacements.
  const node = document.createElement('span');
  const methods = (target: EventTarget) => ({ dispatch: target.dispatchEvent, listen: target.addEventListener, unlisten: target.removeEventListener });
  const onWindow = methods(window);
  const onNode = methods(node);
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const Custom = CustomEvent;
  const Focus = FocusEvent;
  const later = queueMicrotask.bind(window);
  let connected = false;
  let closed = false;
  let offering = false;

  const offer = (): boolean => {
    const event = new Focus(CONNECT_EVENT, { relatedTarget: node, cancelable: true });
    offering = true;
    try {
      connected = !apply(onWindow.dispatch, window, [event]);
    } finally {
      offering = false;
    }
    return connected;
  };
  // Not gated on `connected`: the bridge may welcome us (and we flush) while
  // our connect event is still being dispatched. Before a bridge took the
  // node nobody listens on it, and a post goes nowhere.
  const post = (message: PageToBridge, body?: string): void => {
    if (closed) return;
    const header = stringify(message);
    apply(onNode.dispatch, node, [new Custom(TO_BRIDGE_EVENT, { detail: body === undefined ? header : `${header}\n${body}` })]);
  };
  // A bridge that already has the salt (injected after the page loaded)
  // welcomes us inside our own connect dispatch, before our caller has
  // finished setting up: what it says then is handed over just after, in
  // the order it came.
  const deliver = (fn: () => void): void => {
    if (!offering) return fn();
    later(() => {
      try {
        fn();
      } catch {
        // Queued on the page's microtask queue: nothing may escape to it.
      }
    });
  };

  apply(onNode.listen, node, [
    TO_PAGE_EVENT,
    (event: Event) => {
      try {
        const detail = (event as CustomEvent<unknown>).detail;
        if (typeof detail !== 'string') return;
        const msg = parse(detail) as { source?: unknown; kind?: unknown; salt?: unknown; watched?: unknown } | null;
        if (msg?.source !== SOURCE) return;
        if (msg.kind === 'welcome' && typeof msg.salt === 'string') {
          const salt = msg.salt;
          deliver(() => onWelcome(salt));
        } else if (msg.kind === 'watch' && typeof msg.watched === 'boolean') {
          const watched = msg.watched;
          deliver(() => onWatch(watched));
        } else if (msg.kind === 'bye') {
          // The extension was reloaded or removed: go quiet, and let a fresh copy
          // of this script (injected by the new extension) install its hooks.
          closed = true;
          retireWrappers();
        }
      } catch {
        // A listener on the page's main thread: nothing of ours may throw there.
      }
    },
  ]);

  const hello: PageToBridge = { source: SOURCE, v: PROTOCOL_VERSION, kind: 'hello', session, url: location.href };
  const onBridgeReady = () => {
    if (!connected && offer()) post(hello);
    apply(onWindow.unlisten, window, [BRIDGE_READY_EVENT, onBridgeReady]);
  };
  if (offer()) post(hello);
  else apply(onWindow.listen, window, [BRIDGE_READY_EVENT, onBridgeReady]);

  function sendBatch(body: string | undefined, first: number, count: number, dropped: number): void {
    post({ source: SOURCE, v: PROTOCOL_VERSION, kind: 'batch', session, first, count, dropped }, count > 0 ? body : undefined);
  }

  return {
    sendBatch,
  };
}
