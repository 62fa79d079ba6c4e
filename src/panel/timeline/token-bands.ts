import type { TokenGeneration } from '../../trace/types';
import type { TokenBand } from './layout-types';

/**
 * One band per token generation, from first seen to its `exp` (or to when it
 * was last seen, for a token with no expiry). Overlapping bands alternate
 * between two rows so a refresh before expiry stays readable.
 */
export function tokenBands(tokens: readonly TokenGeneration[], now: number): TokenBand[] {
  const sorted = [...tokens].sort((a, b) => a.firstSeen - b.firstSeen);
  const rowEnds = [-Infinity, -Infinity];
  return sorted.map((token) => {
    // A token still in use after its exp is drawn to its last use, so an
    // expired token that kept being sent shows as such.
    const exp = token.exp !== undefined ? token.exp * 1000 : undefined;
    const end = Math.max(exp ?? -Infinity, token.lastSeen, token.firstSeen + 1);
    const row: 0 | 1 = rowEnds[0] <= token.firstSeen ? 0 : rowEnds[1] <= token.firstSeen ? 1 : rowEnds[0] <= rowEnds[1] ? 0 : 1;
    rowEnds[row] = end;
    const who = token.sub ? ` · ${token.sub}` : '';
    const expired = exp !== undefined && exp <= Math.min(now, end);
    return { fp: token.fp, start: token.firstSeen, end, exp, row, expired, label: `token ${token.fp.slice(0, 6)}${who}${expired ? ' · expired' : ''}` };
  });
}
