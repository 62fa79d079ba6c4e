/**
 * Token generations: each distinct fingerprint, where it was written, which
 * requests carried it. Tells the analysis which generations are access tokens
 * and the earliest time that changed since it last looked.
 */
import type { TabEvent, TokenRef } from '../../protocol';
import { insertSorted } from '../sorted';
import { ms, type Ms } from '../units';
import { compareGenerations, Generation } from './generation';
import { authorizationToken } from './auth-header';
import type { TraceHandler } from './handler';

export class TokensHandler implements TraceHandler {
  readonly byFp = new Map<string, Generation>();
  /** Every generation, by first sighting. */
  all: Generation[] = [];
  /** Access generations only, by first sighting. */
  access: Generation[] = [];
  /** What each store key held over time, for telling which token a new one replaced. */
  private keyHistory = new Map<string, Array<{ t: number; fp: string }>>();
  private structural = false;
  private dirtyFrom = Infinity;
  private reported = new Map<Generation, { firstSeen: number; access: boolean }>();

  reset(): void {
    this.byFp.clear();
    this.all = [];
    this.access = [];
    this.structural = false;
    this.dirtyFrom = Infinity;
    this.reported.clear();
    this.keyHistory.clear();
  }

  handleEvent(e: TabEvent): void {
    const t = ms(e.t);
    if (e.type === 'token-write' && e.token) {
      const g = this.generation(e.token, t);
      const write = { t, store: e.store, key: e.key, op: e.op };
      insertSorted(g.writes, write, (a, b) => a.t - b.t || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const storeKey = `${e.store}:${e.key}`;
      const history = this.keyHistory.get(storeKey) ?? [];
      this.keyHistory.set(storeKey, history);
      const entry = { t, fp: g.fp };
      const at = insertSorted(history, entry, (a, b) => a.t - b.t || (a.fp < b.fp ? -1 : 1));
      // The write changes which token this one, and any written there later, replaced.
      this.dirtyFrom = Math.min(this.dirtyFrom, g.firstSeen);
      for (let i = at + 1; i < history.length; i++) {
        this.dirtyFrom = Math.min(this.dirtyFrom, this.byFp.get(history[i].fp)?.firstSeen ?? Infinity);
      }
      this.structural = true;
    } else if (e.type === 'axios-step' && e.step === 'dispatch') {
      const token = e.token ?? authorizationToken(e.headers);
      if (token) this.carry(token, `${e.session}:${e.id}`, t);
    } else if (e.type === 'request-start') {
      const token = e.token ?? authorizationToken(e.headers);
      if (token) this.carry(token, `${e.session}:${e.axiosId ?? e.id}`, t);
    }
  }

  /**
   * Brings `access` and the sorted lists up to date. Returns the earliest
   * first-sighting of a generation whose first sighting or access status
   * changed since the last call (Infinity when none did).
   */
  refresh(): number {
    if (!this.structural) return this.takeDirty();
    this.structural = false;
    const accessKeys = new Set<string>();
    for (const g of this.byFp.values()) {
      if (g.carried) for (const w of g.writes) accessKeys.add(`${w.store}:${w.key}`);
    }
    this.all = [];
    this.access = [];
    for (const g of this.byFp.values()) {
      // A JWT or an HttpOnly cookie kept by the app is an access token even before a request carries
      // it; an opaque value elsewhere (a CSRF token) counts only where carried tokens are kept.
      const kept = g.writes.some((w) => w.store === 'httpOnlyCookie' || accessKeys.has(`${w.store}:${w.key}`));
      g.access = g.carried || kept || (g.kind === 'jwt' && g.writes.length > 0);
      this.all.push(g);
      if (g.access) this.access.push(g);
      const last = this.reported.get(g);
      if (!last || last.firstSeen !== g.firstSeen || last.access !== g.access) {
        this.dirtyFrom = Math.min(this.dirtyFrom, g.firstSeen, last?.firstSeen ?? Infinity);
        this.reported.set(g, { firstSeen: g.firstSeen, access: g.access });
      }
    }
    this.all.sort(compareGenerations);
    this.access.sort(compareGenerations);
    return this.takeDirty();
  }

  /** The token a generation replaced where it was first written, if it was written over another. */
  replaced(g: Generation): string | undefined {
    const first = g.writes[0];
    if (!first) return undefined;
    const history = this.keyHistory.get(`${first.store}:${first.key}`) ?? [];
    let prior: string | undefined;
    for (const h of history) {
      if (h.t >= first.t) break;
      if (h.fp !== g.fp) prior = h.fp;
    }
    return prior;
  }

  private takeDirty(): number {
    const d = this.dirtyFrom;
    this.dirtyFrom = Infinity;
    return d;
  }

  private carry(token: TokenRef, requestId: string, t: Ms): void {
    const g = this.generation(token, t);
    if (g.carry(requestId, t)) this.structural = true;
  }

  private generation(ref: TokenRef, t: Ms): Generation {
    let g = this.byFp.get(ref.fp);
    if (!g) {
      g = new Generation(ref);
      this.byFp.set(ref.fp, g);
      this.structural = true;
    } else g.learn(ref);
    if (g.see(t)) this.structural = true;
    return g;
  }
}
