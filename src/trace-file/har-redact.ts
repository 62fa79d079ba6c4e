/**
 * A HAR entry with its secrets removed: credential headers, every cookie
 * value, token-like query parameters and body fields. Used on entries that
 * came from an imported HAR (our own events never hold raw values).
 */
import type { HarContent, HarEntry, HarNameValue, HarPostData } from './har-types';
import { REDACTED, redactBody, redactFullUrl, redactHeaderValue, redactText } from './redact';
import { isTokenLikeKey } from '../tokens';

export function redactEntry(entry: HarEntry): HarEntry {
  const { request, response } = entry;
  return {
    ...entry,
    request: {
      ...request,
      url: redactFullUrl(request.url),
      headers: request.headers.map((h) => ({ name: h.name, value: redactHeaderValue(h.name, h.value) })),
      cookies: request.cookies.map(redactCookie),
      queryString: request.queryString.map(redactParam),
      ...(request.postData ? { postData: redactPostData(request.postData) } : {}),
    },
    response: {
      ...response,
      headers: response.headers.map((h) => ({ name: h.name, value: redactHeaderValue(h.name, h.value) })),
      cookies: response.cookies.map(redactCookie),
      content: redactContent(response.content),
      redirectURL: redactFullUrl(response.redirectURL),
    },
  };
}

// Any cookie can be a session credential, whatever its name.
const redactCookie = (c: HarNameValue): HarNameValue => ({ name: c.name, value: REDACTED });

const redactParam = (p: HarNameValue): HarNameValue => ({ name: p.name, value: isTokenLikeKey(p.name) ? REDACTED : redactText(p.value) });

function redactPostData(p: HarPostData): HarPostData {
  return {
    mimeType: p.mimeType,
    ...(p.text !== undefined ? { text: redactBody(p.text, p.mimeType) } : {}),
    ...(p.params ? { params: p.params.map(redactParam) } : {}),
  };
}

function redactContent(c: HarContent): HarContent {
  const { text, encoding, ...rest } = c;
  if (text === undefined) return rest;
  // A base64 body cannot be searched for secrets, so it does not leave.
  if (encoding === 'base64') return { ...rest, comment: 'body removed: base64 content cannot be checked for secrets' };
  return { ...rest, text: redactBody(text, c.mimeType) };
}
