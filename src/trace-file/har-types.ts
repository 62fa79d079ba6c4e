/**
 * The parts of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) that
 * we read and write. Fields Chrome and Playwright add start with `_`; ours are
 * listed in HarEntryExtras.
 */

export interface HarNameValue {
  name: string;
  value: string;
  [extra: string]: unknown;
}

export interface HarPostData {
  mimeType: string;
  text?: string;
  params?: HarNameValue[];
  comment?: string;
}

export interface HarContent {
  size: number;
  mimeType: string;
  text?: string;
  encoding?: string;
  comment?: string;
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  postData?: HarPostData;
  headersSize: number;
  bodySize: number;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
  _error?: string;
}

export interface HarTimings {
  blocked: number;
  dns: number;
  connect: number;
  send: number;
  wait: number;
  receive: number;
  ssl: number;
}

/** What Refresh Lens adds to each entry: the analysis, for tools that show custom fields. */
export interface HarEntryExtras {
  _requestId?: string;
  _role?: string;
  _episode?: string;
  _replayOf?: string;
  _tokenFingerprint?: string;
  _pending?: boolean;
  _stranded?: boolean;
  /** The app queued it but it never went on the wire: not a network request, so not read back as one. */
  _neverSent?: boolean;
  /** How long request interceptors held it before it went on the wire. */
  _heldMs?: number;
  _resourceType?: string;
}

export interface HarEntry extends HarEntryExtras {
  pageref?: string;
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, never>;
  timings: HarTimings;
  serverIPAddress?: string;
}

export interface HarPage {
  id: string;
  startedDateTime: string;
  title: string;
  pageTimings: { onContentLoad?: number; onLoad?: number };
}

export interface Har {
  log: {
    version: string;
    creator: { name: string; version: string };
    pages?: HarPage[];
    entries: HarEntry[];
    comment?: string;
    /** The native trace, so that a HAR we wrote opens again exactly as the panel showed it. */
    _refreshLens?: unknown;
  };
}
