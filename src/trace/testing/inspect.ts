/** Test helpers for reading a TraceResult. */
import { analyzeEvents } from '../model';
import type { TraceOptions } from '../options';
import type { Diagnostic, Role, TraceResult, TraceRequest } from '../types';
import type { TraceBuilder } from './builder';

export function analyze(b: TraceBuilder, options?: TraceOptions, endTime?: number): TraceResult {
  return analyzeEvents(b.events(), options, endTime);
}

export function request(result: TraceResult, id: string): TraceRequest {
  const r = result.requests.find((x) => x.id === id);
  if (!r) throw new Error(`no request ${id}; have ${result.requests.map((x) => x.id).join(', ')}`);
  return r;
}

export const roleOf = (result: TraceResult, id: string): Role => request(result, id).role;

export const ruleIds = (result: TraceResult): string[] => result.diagnostics.map((d) => d.rule);

export function only(result: TraceResult, rule: string): Diagnostic {
  const found = result.diagnostics.filter((d) => d.rule === rule);
  if (found.length !== 1) throw new Error(`expected one ${rule}, got ${JSON.stringify(result.diagnostics, null, 1)}`);
  return found[0];
}

export const ids = (calls: ReadonlyArray<{ id: string }>): string[] => calls.map((c) => c.id);
