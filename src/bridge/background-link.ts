import { envelope, SOURCE, type BackgroundToBridge, type BridgeEvents, type BridgeToBackground } from '../protocol';
import type { Outbox } from './outbox';

/** The part of a chrome.runtime.Port the bridge uses. */
export interface RuntimePort {
  postMessage(message: BridgeToBackground): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface LinkDeps {
  /** chrome.runtime.connect; throws once the extension is gone. */
  connect(): RuntimePort;
  /** False once this content script is orphaned (the extension was reloaded or removed). */
  alive(): boolean;
  setTimer(fn: () => void, ms: number): unknown;
}

const MAX_BACKOFF_MS = 1000;

/**
 * A runtime port to the background that survives the service worker: when
 * the port drops (the worker stopped, the page went into the back/forward
 * cache) it is opened again, and everything the background has not
 * acknowledged as stored is sent again, in order.
 *
 * Each port carries nothing but the hello until the background's welcome
 * names the extension instance it belongs to. While an extension reloads,
 * its old content scripts can still open a port for a moment, and it
 * reaches the new extension's worker: a bridge welcomed by another instance
 * than its first retires, rather than pour the old copy's events into the
 * new one's log and keep the new copy's scripts out of the page.
 */
export class BackgroundLink {
  onSalt: (salt: string) => void = () => {};
  /** Whether a panel watches the tab, as the background said in its welcome and at every change since. */
  onWatch: (watched: boolean) => void = () => {};
  onOrphaned: () => void = () => {};
  private port: RuntimePort | undefined;
  /** The open port's welcome has come. */
  private welcomed = false;
  private salted = false;
  private instance: string | undefined;
  private orphaned = false;
  private reconnectTimer: unknown;
  private backoffMs = 0;

  constructor(private readonly deps: LinkDeps, private readonly outbox: Outbox) {}

  /** Opens the port now so the salt arrives before the first batch is ready. */
  start(): void {
    this.connect();
  }

  /** Sends a new outbox entry (a welcome sends every unacknowledged entry anyway). */
  send(entry: BridgeEvents): void {
    // A post that fails tells whether the extension is gone (post). Reading
    // the runtime's id is a call into the extension bindings, so it is made
    // only for an entry held until a welcome, which no failing post tells.
    if (this.port && this.welcomed) return this.post(entry);
    if (!this.deps.alive()) return this.orphan();
    if (!this.port) this.connect();
  }

  /**
   * Retires if the extension is gone. Chrome does not tell an old content
   * script that its extension was reloaded: a port open then drops while
   * the extension still looks present, and one already closed (the worker
   * had stopped) says nothing at all. A page that sends nothing would keep
   * its old page script live, and that keeps the new copy out: so a new
   * bridge, injected before its page script, calls this in every bridge
   * of the page (index.ts).
   */
  checkAlive(): void {
    if (!this.orphaned && !this.deps.alive()) this.orphan();
  }

  /**
   * The background's ping before it injects our scripts: true when this
   * bridge is live and belongs to `instance`. One that belongs to another
   * retires now, so the page script it serves makes way for a new copy.
   * A live one whose port is closed opens it: the background pings when a
   * panel subscribes to a tab it has no bridge of (an idle page's bridge
   * keeps no port through a worker restart), and the welcome then tells
   * the page script a panel watches.
   */
  answerPing(instance: unknown): boolean {
    if (this.instance !== undefined && typeof instance === 'string' && instance !== this.instance) this.orphan();
    else this.checkAlive();
    if (!this.orphaned && !this.port) this.connect();
    return !this.orphaned;
  }

  /** Drops the port and opens a new one: after a back/forward cache restore the old one may be dead without saying so. */
  reconnect(): void {
    this.dropPort();
    this.connect();
  }

  private dropPort(): void {
    const port = this.port;
    this.port = undefined;
    try {
      port?.disconnect();
    } catch {
      // Already closed.
    }
  }

  private connect(): void {
    if (this.port || this.orphaned) return;
    if (!this.deps.alive()) return this.orphan();
    let port: RuntimePort;
    try {
      port = this.deps.connect();
    } catch {
      return this.orphan();
    }
    this.port = port;
    this.welcomed = false;
    port.onMessage.addListener((message) => {
      if (this.port === port) this.receive(message as BackgroundToBridge);
    });
    port.onDisconnect.addListener(() => {
      if (this.port !== port) return;
      this.port = undefined;
      if (!this.deps.alive()) return this.orphan();
      if (this.outbox.unacked.length > 0 || !this.salted) this.scheduleReconnect();
    });
    this.post(this.instance === undefined ? { ...envelope(), kind: 'hello' } : { ...envelope(), kind: 'hello', instance: this.instance });
  }

  private receive(message: BackgroundToBridge): void {
    if (message?.source !== SOURCE) return;
    this.backoffMs = 0;
    if (message.kind === 'welcome' && typeof message.salt === 'string' && typeof message.instance === 'string') this.welcome(message.salt, message.instance, message.watched === true);
    else if (message.kind === 'ack' && Number.isSafeInteger(message.batch)) this.outbox.ack(message.batch);
    else if (message.kind === 'watch' && typeof message.watched === 'boolean' && this.welcomed) this.onWatch(message.watched);
  }

  private welcome(salt: string, instance: string, watched: boolean): void {
    if (this.instance !== undefined && instance !== this.instance) return this.orphan();
    this.instance = instance;
    this.welcomed = true;
    this.salted = true;
    this.onSalt(salt);
    this.onWatch(watched);
    for (const entry of this.outbox.unacked) this.post(entry);
  }

  private post(message: BridgeToBackground): void {
    try {
      this.port?.postMessage(message);
    } catch {
      // The port died under us; the outbox still has the entry for the next port.
      this.port = undefined;
      if (!this.deps.alive()) this.orphan();
      else this.scheduleReconnect();
    }
  }

  /** Right away the first time, then backing off while the background does not answer. */
  private scheduleReconnect(): void {
    if (this.reconnectTimer !== undefined) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(50, delay * 2));
    this.reconnectTimer = this.deps.setTimer(() => {
      this.reconnectTimer = undefined;
      this.connect();
    }, delay);
  }

  private orphan(): void {
    if (this.orphaned) return;
    this.orphaned = true;
    this.dropPort();
    this.onOrphaned();
  }
}
