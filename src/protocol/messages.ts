/**
 * Messages between the hops, typed per direction. Every message carries the
 * source tag and the protocol version so a page script from one build and a
 * panel from another say so instead of misreading each other.
 */
import type { TabEvent } from './events';

export const PROTOCOL_VERSION = 3;
export const SOURCE = 'refresh-lens';

/**
 * The DOM event the page script dispatches synchronously at document_start to
 * hand the bridge a private channel: a detached DOM node, as the event's
 * `relatedTarget` (a node is the one object both worlds can share). Both
 * content scripts run before any page script, so no page code sees the event
 * or the node.
 */
export const CONNECT_EVENT = 'refresh-lens:connect';
/** Dispatched by the bridge when it starts after the page script. */
export const BRIDGE_READY_EVENT = 'refresh-lens:bridge-ready';
/**
 * Events dispatched on the private node, each with one JSON message as its
 * string `detail`. Dispatch is synchronous, so what the page sends while it
 * unloads (pagehide) still reaches the bridge; a MessagePort message would be
 * dropped with the document.
 */
export const TO_BRIDGE_EVENT = 'refresh-lens:to-bridge';
export const TO_PAGE_EVENT = 'refresh-lens:to-page';

export const PORT_BRIDGE = 'refresh-lens:bridge';
export const PORT_PANEL = 'refresh-lens:panel';

/** Limits the bridge enforces on what the page sends. */
export const LIMITS = {
  /** A page sends at most 10,000 events a batch (PAGE_BATCHING, src/inject/batcher.ts). */
  eventsPerBatch: 10_000,
  stringLength: 8192,
  headersPerRequest: 64,
  batchBytes: 4 * 1024 * 1024,
} as const;

interface Envelope {
  source: typeof SOURCE;
  v: number;
}

// page -> bridge, over the private MessagePort
export interface PageHello extends Envelope {
  kind: 'hello';
  session: string;
  url: string;
}
/**
 * The header of a batch. The message is this header as JSON, a newline, and
 * the body (wire-format.ts): `count` events numbered from `first`.
 */
export interface PageBatch extends Envelope {
  kind: 'batch';
  session: string;
  first: number;
  count: number;
  /** Events the page dropped because its buffer was full, numbered right after these. */
  dropped: number;
}
export type PageToBridge = PageHello | PageBatch;

// bridge -> page
export interface BridgeWelcome extends Envelope {
  kind: 'welcome';
  /** Salt for token fingerprints, stable for the tab's recording. */
  salt: string;
}
/** The extension went away (reloaded or removed): stop recording, quietly. */
export interface BridgeBye extends Envelope {
  kind: 'bye';
}
/** Whether a panel (or the command line) is watching the tab: the page script sends at the live cadence while one is (src/inject/batcher.ts). */
export interface BridgeWatch extends Envelope {
  kind: 'watch';
  watched: boolean;
}
export type BridgeToPage = BridgeWelcome | BridgeBye | BridgeWatch;

/** Why the bridge refused something from the page. */
export type RejectReason = 'malformed' | 'version' | 'oversized' | 'forged';

/** Why events that the page recorded never reached the background. */
export type LossReason = 'overflow' | 'rate';

/**
 * Where events were lost: `count` events of one page session with sequence
 * numbers between `from` and `to` (inclusive) will never arrive. The panel
 * shows a marker at that place in the stream.
 */
export interface LossMarker {
  session: string;
  from: number;
  to: number;
  count: number;
  reason: LossReason;
}

// bridge -> background, over a runtime port
/**
 * Sent when the port opens, so the salt arrives before the first batch; the
 * bridge sends nothing else until the welcome comes back.
 */
export interface BridgeHello extends Envelope {
  kind: 'hello';
  /** The extension instance that welcomed this bridge before (BackgroundWelcome.instance), once there was one. */
  instance?: string;
}
export interface BridgeEvents extends Envelope {
  kind: 'events';
  session: string;
  /** The page's batch: `count` events numbered from `first`, in `body` as the page wrote it (wire-format.ts). */
  first: number;
  count: number;
  body?: string;
  /**
   * Delivery: `link` names one bridge instance and `batch` numbers its
   * messages from 1. The bridge keeps a batch until the background
   * acknowledges it as stored, and sends it again after a reconnect; the
   * background applies each (link, batch) once.
   */
  link?: string;
  batch?: number;
  /** Events lost before this batch (page buffer, bridge buffer, rate limit). */
  losses?: LossMarker[];
  /** Messages refused since the previous batch, counted exactly once with it. */
  rejects?: Partial<Record<RejectReason, number>>;
}
export interface BridgeRejects extends Envelope {
  kind: 'rejects';
  counts: Partial<Record<RejectReason | 'overflow', number>>;
}
export type BridgeToBackground = BridgeHello | BridgeEvents | BridgeRejects;

// background -> bridge
export interface BackgroundWelcome extends Envelope {
  kind: 'welcome';
  salt: string;
  /**
   * Names this loaded copy of the extension: the same after the service
   * worker restarts, new after the extension is reloaded or updated. A
   * bridge welcomed by another instance belongs to an extension that is
   * gone, and retires.
   */
  instance: string;
  /** A panel watches the bridge's tab (BackgroundWatch); absent: none does. */
  watched?: boolean;
}
/** Sent to a tab's bridges when the first panel subscribes to it, and when the last one leaves. */
export interface BackgroundWatch extends Envelope {
  kind: 'watch';
  watched: boolean;
}
/** Every batch of the link up to `batch` is stored and survives a worker restart. */
export interface BackgroundAck extends Envelope {
  kind: 'ack';
  batch: number;
}
export type BackgroundToBridge = BackgroundWelcome | BackgroundWatch | BackgroundAck;

/** Asked by the background before it injects our scripts into an open tab: is a bridge of this instance there? */
export interface BridgePing extends Envelope {
  kind: 'ping';
  instance: string;
}

/** What the panel shows about events that did not arrive. */
export interface TabStats {
  received: number;
  malformed: number;
  version: number;
  oversized: number;
  forged: number;
  /** Dropped by a full buffer, in the page or the bridge. */
  overflow: number;
  /** Dropped because the page sent more than the rate limit allows. */
  rateLimited: number;
}

// panel -> background
export interface PanelSubscribe extends Envelope {
  kind: 'subscribe';
  tabId: number;
  /**
   * Log index of the last event this panel already has (after a reconnect):
   * the history then starts after it. Absent: the whole history.
   */
  after?: number;
}
export interface PanelClear extends Envelope {
  kind: 'clear';
  tabId: number;
}
export type PanelToBackground = PanelSubscribe | PanelClear;

/**
 * A loss marker as the background stores it: placed before the event with
 * log index `at`, and numbered `n` (1, 2...) per tab so a panel can tell a
 * marker it has from a new one.
 */
export interface PlacedLossMarker extends LossMarker {
  at: number;
  n: number;
}

/**
 * Log positions, on every 'history' and 'events' message: the background
 * numbers the events it stores per tab (0, 1, 2...), so a panel can resume
 * after a reconnect and see where the history it asked for is no longer kept.
 */
interface LogSlice {
  /** Log index of `events[0]`. */
  from?: number;
  /** Loss markers placed among these events. */
  losses?: PlacedLossMarker[];
  /**
   * How many events before `from` the panel will never get: the bounded
   * history moved past them (on 'history': of those the panel asked for; on
   * 'events': pushed out before they were saved). Cleared events do not count.
   */
  notKept?: number;
}

// background -> panel
export interface BackgroundHistory extends Envelope, LogSlice {
  kind: 'history';
  tabId: number;
  events: TabEvent[];
  stats: TabStats;
  /**
   * The extension instance (BackgroundWelcome.instance). A panel that was
   * told another one before is talking to a reloaded extension, whose log
   * is not the one it shows.
   */
  instance?: string;
}
export interface BackgroundLive extends Envelope, LogSlice {
  kind: 'events';
  tabId: number;
  events: TabEvent[];
}
export interface BackgroundStats extends Envelope {
  kind: 'stats';
  tabId: number;
  stats: TabStats;
}
export type BackgroundToPanel = BackgroundHistory | BackgroundLive | BackgroundStats;

export function envelope(): Envelope {
  return { source: SOURCE, v: PROTOCOL_VERSION };
}

export function emptyStats(): TabStats {
  return { received: 0, malformed: 0, version: 0, oversized: 0, forged: 0, overflow: 0, rateLimited: 0 };
}
