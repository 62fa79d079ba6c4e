import type { LossMarker } from '../protocol';

export type SeqCheck = { ok: true; losses: LossMarker[] } | { ok: false; detail: string };

/**
 * Follows the sequence numbers of one page session. The page script numbers
 * every event, dropped ones too, and reports its drops with the batch that
 * precedes them, so each gap becomes a loss marker at its exact place. A batch
 * that goes backwards is not from our page script.
 */
export class SeqTracker {
  private next = 0;

  constructor(readonly session: string) {}

  /** A batch of `count` events numbered from `first`, then `dropped` numbers for events the page dropped. */
  check(first: number, count: number, dropped: number): SeqCheck {
    const losses: LossMarker[] = [];
    let next = this.next;
    if (count > 0 || dropped > 0) {
      if (first < next) return { ok: false, detail: `seq ${first} after ${next - 1}` };
      if (first > next) losses.push(this.marker(next, first - 1));
      next = first + count;
    }
    if (dropped > 0) {
      losses.push(this.marker(next, next + dropped - 1));
      next += dropped;
    }
    this.next = next;
    return { ok: true, losses };
  }

  private marker(from: number, to: number): LossMarker {
    return { session: this.session, from, to, count: to - from + 1, reason: 'overflow' };
  }
}
