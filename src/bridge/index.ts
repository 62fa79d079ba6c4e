/**
 * The bridge: an ISOLATED-world content script that takes the page script's
 * private port, checks everything that arrives on it, and relays it to the
 * background over a runtime port that is re-created whenever the service
 * worker stops.
 */
import { BRIDGE_READY_EVENT, CONNECT_EVENT, envelope, type RejectReason } from '../protocol';
import { BackgroundLink } from './background-link';
import { PageLink } from './page-link';

const background = new BackgroundLink();
const page = new PageLink({
  onBatch: (session, events) => background.send({ ...envelope(), kind: 'events', session, events }),
  onReject: (reason: RejectReason | 'overflow', count = 1) => background.countReject(reason, count),
});
background.onSalt = (salt) => page.welcome(salt);
background.start();

window.addEventListener(CONNECT_EVENT, (event) => page.offer(event as MessageEvent), true);
// When the page script ran first, this tells it to offer its port again.
window.dispatchEvent(new Event(BRIDGE_READY_EVENT));
