/**
 * The CPU a page's main thread spends between the bench's measured windows
 * (a loop and the wait after it). A page script that sends its batches on a
 * timer longer than that wait (the extension's while no panel watches, or
 * OpenTelemetry's span exporter) does that work while other pages take
 * their turn: counted over a whole phase of rounds, per tab, and added back
 * per request, so that work moved out of the windows is still paid for.
 */
import type { CDPSession, Page } from 'playwright-core';
import { threadTime } from './page-cpu';

export interface PhaseCpu {
  /** µs of main-thread CPU outside the windows, over the phase. */
  outsideUs: number;
  /** Requests run in the page's windows, per loop kind. */
  requests: Record<string, number>;
}

/** One phase of rounds: `begin`, every window as it ends, then `end`. */
export class Phase {
  private readonly start = new Map<Page, number>();
  private readonly inWindows = new Map<Page, number>();
  private readonly requests = new Map<Page, Record<string, number>>();

  constructor(private readonly cdp: Map<Page, CDPSession>) {}

  async begin(pages: Page[]): Promise<void> {
    for (const page of pages) {
      this.start.set(page, await threadTime(this.cdp.get(page)!));
      this.inWindows.set(page, 0);
      this.requests.set(page, {});
    }
  }

  /** A window of `seconds` of CPU, in which the page ran `n` requests of `kind`; outside a phase (warm-up), ignored. */
  window(page: Page, kind: string, n: number, seconds: number): void {
    const requests = this.requests.get(page);
    if (!requests) return;
    this.inWindows.set(page, this.inWindows.get(page)! + seconds);
    requests[kind] = (requests[kind] ?? 0) + n;
  }

  /** After `drainMs` with every page idle (so that a page's last timers have fired), what each page spent outside its windows. */
  async end(drainMs: number): Promise<Map<Page, PhaseCpu>> {
    await new Promise((done) => setTimeout(done, drainMs));
    const out = new Map<Page, PhaseCpu>();
    for (const [page, start] of this.start) {
      const total = (await threadTime(this.cdp.get(page)!)) - start;
      out.set(page, { outsideUs: (total - this.inWindows.get(page)!) * 1e6, requests: this.requests.get(page)! });
    }
    this.start.clear();
    this.inWindows.clear();
    this.requests.clear();
    return out;
  }
}

/** A phase summed over one variant's tabs. */
export function sumPhase(phases: PhaseCpu[]): PhaseCpu {
  const requests: Record<string, number> = {};
  let outsideUs = 0;
  for (const p of phases) {
    outsideUs += p.outsideUs;
    for (const [kind, n] of Object.entries(p.requests)) requests[kind] = (requests[kind] ?? 0) + n;
  }
  return { outsideUs, requests };
}

/**
 * µs per request, per loop kind, that a variant's page spent outside its
 * windows beyond what the bare page did (the CDP calls that read the clock,
 * the engine's idle work: both pages have those). `phases`: the variant's
 * and the bare page's, phase by phase, the same requests in each. A phase
 * that ran only `only` loops prices that kind; the other kinds share what
 * is left of the phases that ran them all, per request. Noise can make a
 * figure negative: it is kept so.
 */
export function outsidePerRequest(phases: Array<{ variant: PhaseCpu; bare: PhaseCpu }>, only: string): Record<string, number> {
  const excess = phases.map(({ variant, bare }) => ({ us: variant.outsideUs - bare.outsideUs, requests: variant.requests }));
  const kindsOf = (r: Record<string, number>) => Object.keys(r).filter((k) => r[k] > 0);
  const alone = excess.filter((p) => kindsOf(p.requests).every((k) => k === only) && (p.requests[only] ?? 0) > 0);
  const mixed = excess.filter((p) => !alone.includes(p));
  const sum = (ps: typeof excess, f: (p: (typeof excess)[number]) => number) => ps.reduce((a, p) => a + f(p), 0);
  const out: Record<string, number> = {};
  // Priced by the phases that ran it alone; else by every phase, with the other kinds.
  const onlyRequests = sum(alone, (p) => p.requests[only] ?? 0);
  const perOnly = onlyRequests > 0 ? sum(alone, (p) => p.us) / onlyRequests : undefined;
  const others = [...new Set(mixed.flatMap((p) => kindsOf(p.requests)))].filter((k) => perOnly === undefined || k !== only);
  const left = sum(mixed, (p) => p.us - (perOnly ?? 0) * (p.requests[only] ?? 0));
  const othersRequests = sum(mixed, (p) => others.reduce((a, k) => a + (p.requests[k] ?? 0), 0));
  for (const k of others) out[k] = othersRequests > 0 ? left / othersRequests : 0;
  if (perOnly !== undefined) out[only] = perOnly;
  return out;
}
