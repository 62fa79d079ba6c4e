import { decodeBatchBody, PROTOCOL_VERSION, SOURCE, TO_BRIDGE_EVENT, TO_PAGE_EVENT, type LossMarker, type PageEvent, type RejectReason } from '../protocol';
import { wireBatch } from '../protocol/wire-testing';
import { PageLink, type PageBatchIn } from './page-link';

/** A PageLink wired to a private node, as the page script would hand it over; records what it relays. */
export function pageLinkHarness() {
  const events: Array<{ session: string; events: PageEvent[]; malformed: number; bytes: number }> = [];
  const losses: LossMarker[] = [];
  const rejects: RejectReason[] = [];
  const link = new PageLink({
    // Decoded as the background would, so tests read events, not the wire format.
    onEvents: (batch) => events.push({ session: batch.session, ...decodeBatchBody(batch.body, batch.first, batch.count), bytes: batch.bytes }),
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
/** A batch message as our page script sends it: a JSON header, a newline, the body. Events are numbered from the first's seq. */
export const batch = (events: unknown[], extra: object = {}): string => {
  const { first, count, body } = wireBatch(events);
  return `${JSON.stringify({ source: SOURCE, v: PROTOCOL_VERSION, kind: 'batch', session: 's', first, count, dropped: 0, ...extra })}\n${body}`;
};

/** A page batch as PageLink hands it on: header fields and the body, unread. */
export const pageBatch = (session: string, events: readonly unknown[], bytes: number): PageBatchIn => ({ session, ...wireBatch(events), bytes });
