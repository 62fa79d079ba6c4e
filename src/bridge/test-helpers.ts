import { PROTOCOL_VERSION, SOURCE, TO_BRIDGE_EVENT, TO_PAGE_EVENT, type LossMarker, type PageEvent, type RejectReason } from '../protocol';
import { PageLink } from './page-link';

/** A PageLink wired to a private node, as the page script would hand it over; records what it relays. */
export function pageLinkHarness() {
  const events: Array<{ session: string; events: PageEvent[]; bytes: number }> = [];
  const losses: LossMarker[] = [];
  const rejects: RejectReason[] = [];
  const link = new PageLink({
    onEvents: (session, batch, bytes) => events.push({ session, events: batch, bytes }),
    onLoss: (marker) => losses.push(marker),
    onReject: (reason) => rejects.push(reason),
  });
  const toPage: unknown[] = [];
  const offer = (node: EventTarget | null = new EventTarget()) => {
    let taken = false;
    node?.addEventListener(TO_PAGE_EVENT, (e) => toPage.push(JSON.parse((e as CustomEvent<string>).detail)));
    link.offer({ relatedTarget: node, preventDefault: () => (taken = true), stopImmediatePropagation: () => {} } as unknown as Event);
    const send = (message: unknown) => node?.dispatchEvent(new CustomEvent(TO_BRIDGE_EVENT, { detail: typeof message === 'string' ? message : JSON.stringify(message) }));
    return { taken, node, send, sendRaw: (detail: unknown) => node?.dispatchEvent(new CustomEvent(TO_BRIDGE_EVENT, { detail })) };
  };
  return { link, events, losses, rejects, toPage, offer };
}

export const hello = (session = 's') => ({ source: SOURCE, v: PROTOCOL_VERSION, kind: 'hello', session, url: 'http://127.0.0.1/' });
export const end = (seq: number) => ({ type: 'request-end', seq, t: seq, id: `f${seq}`, status: 200 });
export const batch = (events: unknown[], extra: object = {}) => ({
  source: SOURCE, v: PROTOCOL_VERSION, kind: 'batch', session: 's', events, dropped: 0, ...extra,
});
