/**
 * Messages between the hops, typed per direction. Every message carries the
 * source tag and the protocol version so a page script from one build and a
 * panel from another say so instead of misreading each other.
 */
import type { PageEvent, TabEvent } from './events';

export const PROTOCOL_VERSION = 1;
export const SOURCE = 'refresh-lens';

/**
 * The DOM event the page script dispatches synchronously at document_start to
 * hand the bridge a private MessagePort. Both content scripts run before any
 * page script, so no page code can see this event or the port.
 */
export const CONNECT_EVENT = 'refresh-lens:connect';
/** Dispatched by the bridge when it starts after the page script. */
export const BRIDGE_READY_EVENT = 'refresh-lens:bridge-ready';

export const PORT_BRIDGE = 'refresh-lens:bridge';
export const PORT_PANEL = 'refresh-lens:panel';

/** Limits the bridge enforces on what the page sends. */
export const LIMITS = {
  eventsPerBatch: 1000,
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
export interface PageBatch extends Envelope {
  kind: 'batch';
  session: string;
  events: PageEvent[];
  /** Events the page dropped because its buffer was full, since the last batch. */
  dropped: number;
}
export type PageToBridge = PageHello | PageBatch;

// bridge -> page
export interface BridgeWelcome extends Envelope {
  kind: 'welcome';
  /** Salt for token fingerprints, stable for the tab's recording. */
  salt: string;
}
export type BridgeToPage = BridgeWelcome;

/** Why the bridge refused something from the page. */
export type RejectReason = 'malformed' | 'version' | 'oversized' | 'forged';

// bridge -> background, over a runtime port
/** Sent when the port opens, so the salt arrives before the first batch. */
export interface BridgeHello extends Envelope {
  kind: 'hello';
}
export interface BridgeEvents extends Envelope {
  kind: 'events';
  session: string;
  events: PageEvent[];
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
}
export type BackgroundToBridge = BackgroundWelcome;

/** What the panel shows about events that did not arrive. */
export interface TabStats {
  received: number;
  malformed: number;
  version: number;
  oversized: number;
  forged: number;
  /** Dropped by a full buffer, in the page or the background. */
  overflow: number;
}

// panel -> background
export interface PanelSubscribe extends Envelope {
  kind: 'subscribe';
  tabId: number;
}
export interface PanelClear extends Envelope {
  kind: 'clear';
  tabId: number;
}
export type PanelToBackground = PanelSubscribe | PanelClear;

// background -> panel
export interface BackgroundHistory extends Envelope {
  kind: 'history';
  tabId: number;
  events: TabEvent[];
  stats: TabStats;
}
export interface BackgroundLive extends Envelope {
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
  return { received: 0, malformed: 0, version: 0, oversized: 0, forged: 0, overflow: 0 };
}
