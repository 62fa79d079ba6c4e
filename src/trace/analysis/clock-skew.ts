/**
 * Page clock minus server clock, from the first token a refresh produced
 * that has an `iat`: the server stamped `iat` moments before the page first
 * saw the token. Whole-second `iat` and network time make small differences
 * meaningless, so anything under the threshold counts as no skew.
 */
import type { Generation } from '../handlers/generation';
import { secondsToMs } from '../units';

export function estimateClockSkew(byFirstSeen: readonly Generation[], thresholdMs: number): number {
  const g = byFirstSeen.find((x) => x.producedBy !== undefined && x.iat !== undefined);
  if (!g || g.iat === undefined) return 0;
  const sample = g.firstSeen - secondsToMs(g.iat);
  return Math.abs(sample) < thresholdMs ? 0 : Math.round(sample);
}
