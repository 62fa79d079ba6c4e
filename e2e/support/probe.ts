import type { Page } from 'playwright-core';

export interface ProbeReport {
  /** Distinct events received (by page session and sequence number). */
  events: number;
  /** Events received more than once. */
  duplicates: number;
  /** Subscriptions made: 1 + reconnects. */
  subscriptions: number;
  lost: number;
  /** The tab's counters as the background last sent them. */
  stats?: Record<string, number>;
  losses: Array<{ session: string; from: number; to: number; count: number; reason: string }>;
  /** Page-to-probe latency in ms, from the event's page time to its arrival. */
  latency: { p50: number; p99: number; max: number; samples: number };
}

// Plain JavaScript, evaluated as a string: a bundler's helpers (esbuild's
// __name) must not leak into the page.
const PROBE_SOURCE = `(tab) => {
  const state = { seen: new Map(), duplicates: 0, subscriptions: 0, have: -1, lost: 0, latencies: [], stats: undefined, losses: [], pages: {}, requests: [] };
  globalThis.__probe = state;
  const connect = () => {
    const port = chrome.runtime.connect({ name: 'refresh-lens:panel' });
    state.subscriptions++;
    port.onMessage.addListener((m) => {
      if (m.stats) state.stats = m.stats;
      if ((m.kind !== 'events' && m.kind !== 'history') || typeof m.from !== 'number') return;
      for (const l of m.losses || []) if (!state.losses.some((x) => x.n === l.n)) state.losses.push(l);
      const now = Date.now();
      state.lost += m.notKept || 0;
      (m.events || []).forEach((e, i) => {
        if (m.from + i <= state.have) return;
        const key = e.session + ':' + e.seq;
        if (state.seen.has(key)) state.duplicates++;
        state.seen.set(key, (state.seen.get(key) || 0) + 1);
        state.latencies.push(now - e.t);
        if (e.type === 'page-start') state.pages[e.session] = { url: e.url, readyState: e.readyState, frame: e.frame };
        if (e.type === 'request-start') state.requests.push({ session: e.session, id: e.id, url: e.url, transport: e.transport, frame: e.frame });
        if (e.type === 'request-end') {
          const r = state.requests.find((q) => q.session === e.session && q.id === e.id);
          if (r) r.end = { status: e.status, error: e.error };
        }
      });
      if (m.events && m.events.length > 0) state.have = Math.max(state.have, m.from + m.events.length - 1);
    });
    port.onDisconnect.addListener(() => connect());
    const subscribe = { source: 'refresh-lens', v: 1, kind: 'subscribe', tabId: tab };
    if (state.have >= 0) subscribe.after = state.have;
    port.postMessage(subscribe);
  };
  connect();
}`;

/**
 * A second subscriber to a tab, run inside an extension page, that follows
 * the background's protocol to the letter (subscribe after the last log
 * index it has, again after every disconnect) and records every event it is
 * sent: duplicates, losses and latency, which the panel's own store would
 * hide by de-duplicating.
 */
export async function startProbe(extPage: Page, tabId: number): Promise<void> {
  await extPage.evaluate(`(${PROBE_SOURCE})(${JSON.stringify(tabId)})`);
}

export async function readProbe(extPage: Page): Promise<ProbeReport> {
  return extPage.evaluate(`(() => {
    const s = globalThis.__probe;
    const sorted = Float64Array.from(s.latencies).sort();
    const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);
    return {
      events: s.seen.size, duplicates: s.duplicates, subscriptions: s.subscriptions, stats: s.stats, losses: s.losses,
      lost: s.lost + s.losses.reduce((n, l) => n + l.count, 0),
      latency: { p50: at(0.5), p99: at(0.99), max: sorted.length ? sorted[sorted.length - 1] : 0, samples: sorted.length },
    };
  })()`);
}

export interface ProbePages {
  /** Per page session: its page-start (URL, readyState, and frame id for a subframe). */
  pages: Record<string, { url: string; readyState: string; frame?: number }>;
  requests: Array<{ session: string; id: string; url: string; transport: string; frame?: number; end?: { status: number; error?: string } }>;
}

export async function probePages(extPage: Page): Promise<ProbePages> {
  return extPage.evaluate('({ pages: globalThis.__probe.pages, requests: globalThis.__probe.requests })');
}

/** Sequence numbers the probe has per page session, sorted. */
export async function probeSessions(extPage: Page): Promise<Record<string, number[]>> {
  return extPage.evaluate(`(() => {
    const out = {};
    for (const key of globalThis.__probe.seen.keys()) {
      const [session, seq] = key.split(':');
      (out[session] = out[session] || []).push(Number(seq));
    }
    for (const list of Object.values(out)) list.sort((a, b) => a - b);
    return out;
  })()`);
}
