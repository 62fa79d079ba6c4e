/**
 * The trace model: pure TypeScript, no DOM, no extension API. Shared by the
 * panel, the standalone viewer, the CLI and the tests.
 */
export { TraceModel, analyzeEvents } from './model';
export { resolveOptions, type TraceOptions, type ResolvedOptions } from './options';
export { toJsonReport, hasErrors, type JsonReport, type JsonRequest, type JsonEpisode, type JsonDiagnostic } from './report/json-report';
export { defaultRefreshPatterns } from './analysis/url-patterns';
export * from './types';
export type { Ms, Seconds } from './units';
