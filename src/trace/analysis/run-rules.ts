/** Runs the diagnostic rules over a freshly analysed window. */
import type { ResolvedOptions } from '../options';
import type { RequestRecord } from '../record';
import { episodeRules, requestRules, type RuleContext } from '../rules';
import type { Diagnostic, RuleId, Severity } from '../types';
import type { Finding } from '../rules/rule';
import type { EpisodeWork } from './episode-work';
import type { Generation } from '../handlers/generation';

export interface Globals {
  skewMs: number;
  /** `session:instanceId` of axios instances that held requests for a refresh. */
  proactiveInstances: ReadonlySet<string>;
  anyProactive: boolean;
}

export interface RulesInput {
  win: readonly RequestRecord[];
  episodes: readonly EpisodeWork[];
  byId: ReadonlyMap<string, RequestRecord>;
  gens: ReadonlyMap<string, Generation>;
  o: ResolvedOptions;
  globals: Globals;
}

/** Fills each episode's diagnostics and returns the per-request ones. */
export function runRules(input: RulesInput): Map<RequestRecord, Diagnostic[]> {
  const ctx = context(input);
  for (const ep of input.episodes) {
    ep.diagnostics = episodeRules.flatMap((rule) => rule.check(ep, ctx).map((f) => diagnostic(rule.id, rule.severity, ep.id, f)));
  }
  const perRequest = new Map<RequestRecord, Diagnostic[]>();
  for (const r of input.win) {
    const found = requestRules.flatMap((rule) => rule.check(r, ctx).map((f) => diagnostic(rule.id, rule.severity, r.episode, f)));
    if (found.length > 0) perRequest.set(r, found);
  }
  return perRequest;
}

function diagnostic(rule: RuleId, severity: Severity, episode: string | undefined, f: Finding): Diagnostic {
  return episode === undefined ? { rule, severity, ...f } : { rule, severity, episode, ...f };
}

function context(input: RulesInput): RuleContext {
  let bySent: RequestRecord[] | undefined;
  const sentOf = (r: RequestRecord) => r.sent as number;
  return {
    o: input.o,
    skewMs: input.globals.skewMs,
    request: (id) => input.byId.get(id),
    generation: (fp) => input.gens.get(fp),
    sentBetween(from, to) {
      bySent ??= input.win.filter((r) => r.sent !== undefined).sort((a, b) => sentOf(a) - sentOf(b) || (a.id < b.id ? -1 : 1));
      const out: RequestRecord[] = [];
      let lo = 0;
      let hi = bySent.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sentOf(bySent[mid]) <= from) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < bySent.length && sentOf(bySent[i]) < to; i++) out.push(bySent[i]);
      return out;
    },
    checksExpiry: (r) =>
      r.instanceId !== undefined && r.axiosView
        ? input.globals.proactiveInstances.has(`${r.session}:${r.instanceId}`)
        : input.globals.anyProactive,
  };
}

/** A stable text form, to tell whether a window's findings changed. */
export const diagnosticKey = (d: Diagnostic): string => `${d.rule}|${d.episode ?? ''}|${d.requests.join(',')}|${d.t}|${d.message}`;
