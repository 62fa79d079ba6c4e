import type { AxiosStepEvent, PageEvent, TokenRef } from '../protocol';
import { Ids } from './ids';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event as a hook creates it; the batcher assigns its sequence number. */
export type EventInit = DistributiveOmit<PageEvent, 'seq'>;

/** What every hook in the page receives. */
export interface InjectContext {
  /** Queue an event; never throws. */
  emit(event: EventInit): void;
  /**
   * The object to write the next axios step into before emitting it (the
   * batcher's own, so it need not copy it): every field is written anew,
   * and it is not touched again after `emit`.
   */
  stepEvent(): Omit<AxiosStepEvent, 'seq'>;
  /**
   * Records an axios step with no event object when the batch can hold it
   * as one packed number (Batcher.repeatStep); false: emit it as an event.
   * Absent: every step is emitted.
   */
  repeatStep?(index: number, t: number, id: string, n: number, instanceId: string, a: unknown, b: unknown, c: unknown, d: unknown): boolean;
  /** Epoch milliseconds with sub-millisecond precision. */
  now(): number;
  /** Unique within the page session. */
  newId(prefix: string): string;
  /** The number in the id newId made last (`prefix` + this number). Absent: read it from the id. */
  lastIdNumber?(): number;
  /** Fingerprint and claims of a raw token; the raw value never leaves the page. */
  tokenRef(raw: string): TokenRef;
  /** Run our own code so that no exception of ours can reach page code. */
  guard<T>(fn: () => T): T | undefined;
}

/** One object for every step, for an emit that copies what it keeps. */
export function reusedStepEvent(): InjectContext['stepEvent'] {
  const scratch = { type: 'axios-step' } as Omit<AxiosStepEvent, 'seq'>;
  return () => scratch;
}

/**
 * An InjectContext around how events are queued, the clock and the token
 * identity: ids counted per session, a guard that swallows our errors.
 * Without `stepEvent`, one object is reused for every step.
 */
export function createInjectContext({
  emit,
  now,
  tokenRef,
  stepEvent = reusedStepEvent(),
  repeatStep,
}: Pick<InjectContext, 'emit' | 'now' | 'tokenRef'> & Partial<Pick<InjectContext, 'stepEvent' | 'repeatStep'>>): InjectContext {
  const ids = new Ids();
  return {
    emit,
    stepEvent,
    repeatStep,
    now,
    newId: (prefix) => ids.next(prefix),
    lastIdNumber: () => ids.last,
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
