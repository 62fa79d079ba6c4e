/**
 * The bridge: an ISOLATED-world content script that takes the page script's
 * private channel, checks everything that arrives on it, and relays it to the
 * background, keeping each batch until the background has stored it.
 */
// Strict, as the page script is (src/inject/index.ts says why).
'use strict';
import { BRIDGE_READY_EVENT, CONNECT_EVENT, PORT_BRIDGE, SOURCE } from '../protocol';
import { BackgroundLink, type RuntimePort } from './background-link';
import { Outbox } from './outbox';
import { PageLink } from './page-link';
import { Relay } from './relay';
import { RateLimiter } from './token-bucket';

// The chrome API itself, not webextension-polyfill: this file runs in every
// page, so it stays small, and a port is all it needs.
declare const chrome: {
  runtime?: {
    id?: string;
    connect(info: { name: string }): RuntimePort;
    onMessage: { addListener(fn: (message: unknown, sender: unknown, respond: (answer: unknown) => void) => void): void };
  };
};

function start(): void {
  const linkId = Array.from(crypto.getRandomValues(new Uint32Array(2)), (n) => n.toString(36)).join('');
  const setTimer = (fn: () => void, ms: number) => setTimeout(fn, ms);
  // What waits for the background's acknowledgement: a burst of 100k events
  // while the worker restarts fits; beyond that a page is flooding us.
  const outbox = new Outbox(linkId, { maxEvents: 150_000, maxBytes: 64 * 1024 * 1024 });
  // Per frame, above what a page does on its own (10k events/s, a 100k burst),
  // below what would keep the service worker busy for every other tab.
  const limiter = new RateLimiter({ eventsPerSecond: 20_000, burstEvents: 120_000, bytesPerSecond: 8 * 1024 * 1024, burstBytes: 32 * 1024 * 1024 });
  const link = new BackgroundLink(
    { connect: () => chrome.runtime!.connect({ name: PORT_BRIDGE }), alive: () => Boolean(chrome.runtime?.id), setTimer },
    outbox,
  );
  const page = new PageLink(new Relay({ outbox, limiter, send: (entry) => link.send(entry), setTimer }));

  const onConnect = (event: Event) => page.offer(event);
  // Another bridge starting in this page: if it is a reloaded extension's,
  // ours is gone, and its page script must make way (BackgroundLink.checkAlive).
  const onBridgeReady = () => link.checkAlive();
  const onPageShow = (event: PageTransitionEvent) => {
    // The runtime port was closed when the page went into the back/forward cache.
    if (event.persisted) link.reconnect();
  };
  link.onSalt = (salt) => page.welcome(salt);
  link.onWatch = (watched) => page.watch(watched);
  link.onOrphaned = () => {
    // The extension was reloaded or removed: stop listening, tell the page
    // script to go quiet, and throw nothing into the page.
    removeEventListener(CONNECT_EVENT, onConnect, true);
    removeEventListener('pageshow', onPageShow, true);
    removeEventListener(BRIDGE_READY_EVENT, onBridgeReady, true);
    page.bye();
  };

  // The background asks before it injects into a tab opened before the
  // extension: only the extension can message a content script, never a page.
  chrome.runtime?.onMessage.addListener((message, _sender, respond) => {
    const ping = message as { source?: unknown; kind?: unknown; instance?: unknown } | null;
    if (ping?.source === SOURCE && ping.kind === 'ping') respond(link.answerPing(ping.instance));
  });
  addEventListener(CONNECT_EVENT, onConnect, true);
  addEventListener('pageshow', onPageShow, true);
  addEventListener(BRIDGE_READY_EVENT, onBridgeReady, true);
  link.start();
  // When the page script ran first, this tells it to offer its channel again.
  dispatchEvent(new Event(BRIDGE_READY_EVENT));
}

try {
  start();
} catch {
  // An orphaned or broken content script must stay silent.
}
