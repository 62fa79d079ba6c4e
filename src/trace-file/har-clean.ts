/**
 * A HAR file is as untrusted as a page: each entry is rebuilt from the fields
 * we know, with the right types, before anything else reads it. Unknown
 * fields (Chrome's `_initiator` stacks, `_webSocketMessages`…) are dropped so
 * that nothing we did not check can reach an export.
 */
import type { HarContent, HarEntry, HarNameValue, HarPostData, HarRequest, HarResponse, HarTimings } from './har-types';

type Obj = Record<string, unknown>;

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown, fallback = ''): string => (typeof x === 'string' ? x : fallback);
const num = (x: unknown, fallback = -1): number => (typeof x === 'number' && Number.isFinite(x) ? x : fallback);

/** The entry rebuilt, or undefined when it lacks what makes it a request. */
export function cleanEntry(raw: unknown): HarEntry | undefined {
  if (!isObj(raw) || !isObj(raw.request) || typeof raw.startedDateTime !== 'string') return undefined;
  const request = cleanRequest(raw.request);
  if (!request) return undefined;
  const entry: HarEntry = {
    startedDateTime: raw.startedDateTime,
    time: num(raw.time),
    request,
    response: cleanResponse(isObj(raw.response) ? raw.response : {}),
    cache: {},
    timings: cleanTimings(isObj(raw.timings) ? raw.timings : {}),
  };
  if (typeof raw.pageref === 'string') entry.pageref = raw.pageref;
  if (typeof raw.serverIPAddress === 'string') entry.serverIPAddress = raw.serverIPAddress;
  for (const key of ['_resourceType', '_requestId'] as const) if (typeof raw[key] === 'string') entry[key] = raw[key] as string;
  if (raw._neverSent === true) entry._neverSent = true;
  return entry;
}

function cleanRequest(r: Obj): HarRequest | undefined {
  if (typeof r.url !== 'string' || typeof r.method !== 'string') return undefined;
  const request: HarRequest = {
    method: r.method,
    url: r.url,
    httpVersion: str(r.httpVersion, 'HTTP/1.1'),
    cookies: list(r.cookies),
    headers: list(r.headers),
    queryString: list(r.queryString),
    headersSize: num(r.headersSize),
    bodySize: num(r.bodySize),
  };
  if (isObj(r.postData)) request.postData = cleanPostData(r.postData);
  return request;
}

function cleanResponse(r: Obj): HarResponse {
  const content = isObj(r.content) ? r.content : {};
  const response: HarResponse = {
    status: num(r.status, 0),
    statusText: str(r.statusText),
    httpVersion: str(r.httpVersion, 'HTTP/1.1'),
    cookies: list(r.cookies),
    headers: list(r.headers),
    content: cleanContent(content),
    redirectURL: str(r.redirectURL),
    headersSize: num(r.headersSize),
    bodySize: num(r.bodySize),
  };
  if (typeof r._error === 'string') response._error = r._error;
  return response;
}

function cleanContent(c: Obj): HarContent {
  const content: HarContent = { size: num(c.size, 0), mimeType: str(c.mimeType, 'x-unknown') };
  if (typeof c.text === 'string') content.text = c.text;
  if (typeof c.encoding === 'string') content.encoding = c.encoding;
  return content;
}

function cleanPostData(p: Obj): HarPostData {
  const post: HarPostData = { mimeType: str(p.mimeType) };
  if (typeof p.text === 'string') post.text = p.text;
  if (Array.isArray(p.params)) post.params = list(p.params);
  return post;
}

function cleanTimings(t: Obj): HarTimings {
  return { blocked: num(t.blocked), dns: num(t.dns), connect: num(t.connect), send: num(t.send, 0), wait: num(t.wait, 0), receive: num(t.receive, 0), ssl: num(t.ssl) };
}

/** Name/value pairs; a pair whose name or value is not a string is dropped. */
function list(x: unknown): HarNameValue[] {
  if (!Array.isArray(x)) return [];
  const out: HarNameValue[] = [];
  for (const item of x) if (isObj(item) && typeof item.name === 'string' && typeof item.value === 'string') out.push({ name: item.name, value: item.value });
  return out;
}
