/**
 * The shape of a diagnostic rule. Each rule is one module that looks at one
 * episode (or one request) and says what went wrong in plain language, with
 * the requests involved and a hint at the fix.
 */
import type { EpisodeWork } from '../analysis/episode-work';
import type { Generation } from '../handlers/generation';
import type { ResolvedOptions } from '../options';
import type { RequestRecord } from '../record';
import type { RuleId, Severity } from '../types';
import type { Ms } from '../units';

export interface Finding {
  requests: string[];
  message: string;
  hint: string;
  t: Ms;
}

export interface RuleContext {
  readonly o: ResolvedOptions;
  /** Page clock minus server clock, for reading `exp`. */
  readonly skewMs: number;
  request(id: string): RequestRecord | undefined;
  generation(fp: string): Generation | undefined;
  /** Requests of the analysed window whose token went out strictly between `from` and `to`. */
  sentBetween(from: number, to: number): readonly RequestRecord[];
  /** Whether the app shows it checks `exp` before sending (it held requests for a proactive refresh). */
  checksExpiry(r: RequestRecord): boolean;
}

export interface EpisodeRule {
  readonly id: RuleId;
  readonly severity: Severity;
  check(ep: EpisodeWork, ctx: RuleContext): Finding[];
}

export interface RequestRule {
  readonly id: RuleId;
  readonly severity: Severity;
  check(r: RequestRecord, ctx: RuleContext): Finding[];
}
