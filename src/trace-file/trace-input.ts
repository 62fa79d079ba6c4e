/** What reading a file gives the panel, and what an export is made from. */
import type { TabEvent, TabStats } from '../protocol';
import type { TraceResult } from '../trace/types';
import type { HarEntry } from './har-types';

export interface LoadedTrace {
  kind: 'native' | 'har';
  events: TabEvent[];
  /**
   * The HAR entries a HAR file held, cleaned but not redacted, by the id of
   * the request they became. They stay in memory only, for an export that
   * includes secrets; the events themselves hold fingerprints only.
   */
  originals: Map<string, HarEntry>;
  /** When the recording ended, when the file says. */
  endTime?: number;
  stats?: TabStats;
  /** Events or entries left out because they failed the checks. */
  skipped: number;
  /** HAR entries left out because they are not fetch or XHR (documents, scripts, images). */
  ignored?: number;
  /** The page that was recorded, when the file says. */
  url?: string;
}

export interface ExportInput {
  events: readonly TabEvent[];
  /** The analysis of `events`, as the panel shows it. */
  result: TraceResult;
  originals?: ReadonlyMap<string, HarEntry>;
  stats?: TabStats;
  /** Only when the user explicitly asked: raw values of imported HAR entries are written as they are. */
  includeSecrets?: boolean;
  creator: string;
}
