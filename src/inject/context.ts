import type { PageEvent, TokenRef } from '../protocol';
import { idMaker } from './ids';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event as a hook creates it; the batcher assigns its sequence number. */
export type EventInit = DistributiveOmit<PageEvent, 'seq'>;

/** What every hook in the page receives. */
export interface InjectContext {
  /** Queue an event; never throws. */
  emit(event: EventInit): void;
  /** Epoch milliseconds with sub-millisecond precision. */
  now(): number;
  /** Unique within the page session. */
  newId(prefix: string): string;
  /** Fingerprint and claims of a raw token; the raw value never leaves the page. */
  tokenRef(raw: string): TokenRef;
  /** Run our own code so that no exception of ours can reach page code. */
  guard<T>(fn: () => T): T | undefined;
}

/** An InjectContext around how events are queued, the clock and the token identity: ids counted per session, a guard that swallows our errors. */
export function createInjectContext({ emit, now, tokenRef }: Pick<InjectContext, 'emit' | 'now' | 'tokenRef'>): InjectContext {
  return {
    emit,
    now,
    newId: idMaker(),
    tokenRef,
    guard(fn) {
      try {
        return fn();
      } catch {
        // Swallowed on purpose: the page must never see an error of ours.
        return undefined;
      }
    },
  };
}
