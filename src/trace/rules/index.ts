/** Every diagnostic rule, in the order their findings are listed for one episode. */
import { expiredTokenSent } from './expired-token-sent';
import { refreshFailed } from './refresh-failed';
import { refreshStampede } from './refresh-stampede';
import { replayMissing } from './replay-missing';
import { replayOutOfOrder } from './replay-out-of-order';
import { replayRejected } from './replay-rejected';
import { requestNotQueued } from './request-not-queued';
import { requestStranded } from './request-stranded';
import { retryLoop } from './retry-loop';
import type { EpisodeRule, RequestRule } from './rule';
import { staleTokenReplay } from './stale-token-replay';

export const episodeRules: readonly EpisodeRule[] = [
  refreshStampede,
  replayOutOfOrder,
  replayMissing,
  requestStranded,
  retryLoop,
  staleTokenReplay,
  requestNotQueued,
  refreshFailed,
  replayRejected,
];

export const requestRules: readonly RequestRule[] = [expiredTokenSent];

export type { EpisodeRule, RequestRule, RuleContext, Finding } from './rule';
