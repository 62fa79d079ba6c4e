import {
  decodeBatchBody,
  LIMITS,
  SOURCE,
  type BridgeToBackground,
  type LossMarker,
  type RejectReason,
  type TabStats,
} from '../protocol';
import type { BatchIn } from './tab-log';

const REJECT_REASONS: readonly RejectReason[] = ['malformed', 'version', 'oversized', 'forged'];
const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
const isShortString = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && s.length <= 64;

function isLoss(x: unknown): x is LossMarker {
  const l = x as LossMarker;
  return (
    typeof l === 'object' && l !== null && isShortString(l.session) && isCount(l.from) && isCount(l.to) && l.from <= l.to &&
    isCount(l.count) && l.count > 0 && (l.reason === 'overflow' || l.reason === 'rate')
  );
}

/**
 * Checks a message from a bridge again (a compromised renderer could send
 * anything on its port) and turns it into a batch for the tab's log; events
 * that fail the check are counted as malformed, never stored.
 */
export function toBatch(message: BridgeToBackground, frame: number | undefined): BatchIn | undefined {
  if (message?.source !== SOURCE) return undefined;
  if (message.kind === 'rejects') {
    const rejects = pickRejects(message.counts);
    return { session: '-', events: [], rejects };
  }
  if (message.kind !== 'events' || !isShortString(message.session) || !isCount(message.first) || !isCount(message.count)) return undefined;
  if (message.count > LIMITS.eventsPerBatch) return undefined;
  // The page's body, first decoded and checked here: the bridge read only its header.
  const { events, malformed } = decodeBatchBody(message.body, message.first, message.count);
  const rejects = pickRejects(message.rejects);
  if (malformed > 0) rejects.malformed = (rejects.malformed ?? 0) + malformed;
  const numbered = isShortString(message.link) && Number.isSafeInteger(message.batch) && message.batch! > 0;
  return {
    session: message.session,
    events,
    losses: Array.isArray(message.losses) ? message.losses.filter(isLoss) : [],
    rejects,
    frame,
    ...(numbered ? { link: message.link, batch: message.batch } : {}),
  };
}

function pickRejects(counts: unknown): Partial<TabStats> {
  const picked: Partial<TabStats> = {};
  if (typeof counts !== 'object' || counts === null) return picked;
  for (const reason of REJECT_REASONS) {
    const n = (counts as Record<string, unknown>)[reason];
    if (isCount(n) && n > 0) picked[reason] = n;
  }
  // The old bridge counted page-side drops here; they are loss markers now.
  const overflow = (counts as Record<string, unknown>).overflow;
  if (isCount(overflow) && overflow > 0) picked.overflow = overflow;
  return picked;
}
