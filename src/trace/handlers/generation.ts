/** One token generation: a distinct fingerprint and everything seen about it. */
import type { TokenRef } from '../../protocol';
import type { TokenGeneration, TokenLocation, TokenWrite } from '../types';
import { ms, seconds, type Ms, type Seconds } from '../units';

export class Generation implements TokenGeneration {
  readonly fp: string;
  readonly kind: 'jwt' | 'opaque';
  exp?: Seconds;
  iat?: Seconds;
  sub?: string;
  firstSeen = ms(Infinity);
  lastSeen = ms(-Infinity);
  readonly writes: TokenWrite[] = [];
  /** First time a request carried it, if one did. */
  firstCarried?: Ms;
  /** An access token: carried by requests, or kept where carried tokens are kept. */
  access = false;
  producedBy?: string;
  private carriers = new Set<string>();
  private sortedCarriers?: string[];

  constructor(ref: TokenRef) {
    this.fp = ref.fp;
    this.kind = ref.kind;
    this.learn(ref);
  }

  /** Claims are the same for one fingerprint; fill in whatever an event adds. */
  learn(ref: TokenRef): void {
    if (this.exp === undefined && ref.exp !== undefined) this.exp = seconds(ref.exp);
    if (this.iat === undefined && ref.iat !== undefined) this.iat = seconds(ref.iat);
    if (this.sub === undefined && ref.sub !== undefined) this.sub = ref.sub;
  }

  /** Returns true when the first sighting moved earlier. */
  see(t: Ms): boolean {
    if (t > this.lastSeen) this.lastSeen = t;
    if (t >= this.firstSeen) return false;
    this.firstSeen = t;
    return true;
  }

  carry(requestId: string, t: Ms): boolean {
    const wasCarried = this.carriers.size > 0;
    if (!this.carriers.has(requestId)) {
      this.carriers.add(requestId);
      this.sortedCarriers = undefined;
    }
    if (this.firstCarried === undefined || t < this.firstCarried) this.firstCarried = t;
    return !wasCarried;
  }

  get carried(): boolean {
    return this.carriers.size > 0;
  }

  get carriedBy(): readonly string[] {
    this.sortedCarriers ??= [...this.carriers].sort();
    return this.sortedCarriers;
  }

  /** The public fields, getters included (JSON.stringify skips getters, and the Set inside). */
  toJSON(): TokenGeneration {
    const { fp, kind, exp, iat, sub, firstSeen, lastSeen, writes, locations, carriedBy, producedBy } = this;
    return { fp, kind, exp, iat, sub, firstSeen, lastSeen, writes, locations, carriedBy, producedBy };
  }

  get locations(): readonly TokenLocation[] {
    const stores = new Set<TokenLocation>(this.writes.map((w) => w.store));
    if (this.carried) stores.add('header');
    return [...stores];
  }
}

export const compareGenerations = (a: Generation, b: Generation): number =>
  a.firstSeen - b.firstSeen || (a.fp < b.fp ? -1 : a.fp > b.fp ? 1 : 0);
