/**
 * How a batch of page events travels from the page to the background. The
 * page script and the bridge both run on the app's main thread, so every byte
 * they write or copy is CPU the app pays for on each request. The bridge reads
 * only the batch's header and forwards the body as the string it got; the
 * background, on its own thread, decodes the body and checks every event.
 *
 * Body: {"o": timeOrigin, "k": [TokenRef...], "e": [[type, µs, field...]...]}
 * - an event is an array: its type's code, its time, then its fields in the
 *   order below; absent fields are null, and trailing ones are left out;
 * - times are integer microseconds: the first since `o`, each next one since
 *   the event before it;
 * - a token is its index in `k`: a batch writes each token once;
 * - an enum field is its value's index in the list below;
 * - a `same` field is 0 when it equals that field of the previous event of
 *   the same type in the batch (axios writes the steps of a call one after
 *   another, and each names the call).
 * Sequence numbers are implicit: the batch header names the first, and the
 * events are consecutive.
 */
import type { PageEventType } from './events';

export type FieldKind = 'plain' | 'token' | 'headers' | 'same' | readonly string[];
export type WireField = readonly [name: string, kind: FieldKind];

const plain = (name: string): WireField => [name, 'plain'];
const STORES = ['cookie', 'cookieStore', 'localStorage', 'sessionStorage', 'httpOnlyCookie'];

/** Field order per event type, most often present first. Append only: the position is the wire name. */
export const WIRE_FIELDS: Record<PageEventType, readonly WireField[]> = {
  'page-start': [plain('url'), plain('readyState')],
  'request-start': [
    plain('id'), ['transport', ['fetch', 'xhr']], plain('method'), plain('url'), ['headers', 'headers'], ['token', 'token'], plain('axiosId'),
  ],
  'request-end': [plain('id'), plain('status'), ['error', ['network', 'abort', 'timeout']]],
  'axios-instance': [plain('instanceId'), ['via', ['auto', 'hook']], plain('version'), plain('label')],
  'axios-step': [
    ['id', 'same'], ['instanceId', 'same'], ['step', ['enter', 'dispatch', 'transport-end', 'settle']], plain('status'),
    ['outcome', ['response', 'error']], plain('method'), plain('url'), plain('attempt'), plain('replayOf'),
    ['token', 'token'], ['headers', 'headers'], plain('errorCode'),
  ],
  'token-write': [['store', STORES], plain('key'), ['op', ['set', 'remove']], ['token', 'token'], plain('expires'), plain('maxAge')],
  'token-reads': [['store', STORES], plain('count')],
};

/** The type's position here is its code on the wire. */
export const WIRE_TYPES = Object.keys(WIRE_FIELDS) as PageEventType[];
