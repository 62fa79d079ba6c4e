/**
 * How a batch of page events travels from the page to the background. The
 * page script and the bridge both run on the app's main thread, so every byte
 * they write or copy is CPU the app pays for on each request (a runtime port
 * message costs a few nanoseconds a byte). The bridge reads only the batch's
 * header and forwards the body as the string it got; the background, on its
 * own thread, decodes the body and checks every event.
 *
 * Body: {"o": timeOrigin, "k": [TokenRef...], "s": [string...], "h": [headers...], "f": [n, code, µs, field..., "run", n, code, ...]}
 * - `f` holds the events one after another, each as its length `n` then `n`
 *   values: its layout's code, its time, then its fields in the layout's
 *   order; absent fields are null, and trailing ones are left out. (The
 *   page writes each event into this one flat array as it happens, so a
 *   batch waiting for its timer holds numbers, not objects.) A body may
 *   instead hold `e`, one array per event: what earlier versions wrote;
 * - times are integer microseconds: the first since `o`, each next one since
 *   the event before it;
 * - a token is its index in `k`, a `text` field is its index in `s` (or the
 *   string itself), a `headers` field its index in `h` (or the set itself,
 *   names to values, a value that is a number being a token): a batch writes
 *   each token, each method or URL and each set of headers once;
 * - an enum field is its value's index in the list below;
 * - a `same` field is 0 when it equals that field of the previous event of
 *   the same type in the batch (axios writes the steps of a call one after
 *   another, and each names the call); an `id` one is −n for the call id
 *   CALL_ID_PREFIX + n, which keeps quotes out of the records: a runtime
 *   port writes a string with quotes in it at half the speed of one without;
 * - an axios step has a layout of its own per step (codes after the types'),
 *   with only the fields that step carries, and one more per step (codes
 *   after those) without the call's ids, for a step of the same call as the
 *   step before it, and one for a settle that is all the step before it but
 *   its time, and one per step but the settle for a step like the previous
 *   one of its kind in the batch (same instance, method, URL, token,
 *   headers, outcome), written as its time (an enter: and its call id); the
 *   type's own layout takes any step with any field;
 * - a record may instead be one negative number, a packed step: one of
 *   STEPS_AGAIN or SETTLE_AS_BEFORE with its time folded in (packStep), an
 *   enter so packed being of the call after the previous enter's; and a
 *   string where a record's length would be is a run of packed steps, one
 *   after another (wire-runs.ts), which is how the page writes them. A loop
 *   of calls to one endpoint then writes about seven characters a call (an
 *   enter, three steps in the same tick), not thirteen values.
 * Sequence numbers are implicit: the batch header names the first, and the
 * events are consecutive.
 */
import type { PageEventType } from './events';
import { codeAt } from './intrinsics';

export type FieldKind = 'plain' | 'text' | 'token' | 'headers' | 'same' | readonly string[];
export type WireField = readonly [name: string, kind: FieldKind];

const plain = (name: string): WireField => [name, 'plain'];
const text = (name: string): WireField => [name, 'text'];
const STORES = ['cookie', 'cookieStore', 'localStorage', 'sessionStorage', 'httpOnlyCookie'];

/** Field order per event type, most often present first. Append only: the position is the wire name. */
export const WIRE_FIELDS: Record<PageEventType, readonly WireField[]> = {
  'page-start': [plain('url'), plain('readyState')],
  'request-start': [
    plain('id'), ['transport', ['fetch', 'xhr']], text('method'), text('url'), ['headers', 'headers'], ['token', 'token'], plain('axiosId'),
  ],
  'request-end': [plain('id'), plain('status'), ['error', ['network', 'abort', 'timeout']]],
  'axios-instance': [plain('instanceId'), ['via', ['auto', 'hook']], text('version'), text('label')],
  'axios-step': [
    ['id', 'same'], ['instanceId', 'same'], ['step', ['enter', 'dispatch', 'transport-end', 'settle']], plain('status'),
    ['outcome', ['response', 'error']], text('method'), text('url'), plain('attempt'), plain('replayOf'),
    ['token', 'token'], ['headers', 'headers'], text('errorCode'),
  ],
  'token-write': [['store', STORES], text('key'), ['op', ['set', 'remove']], ['token', 'token'], plain('expires'), plain('maxAge')],
  'token-reads': [['store', STORES], plain('count')],
};

/** The type's position here is its code on the wire. */
export const WIRE_TYPES = Object.keys(WIRE_FIELDS) as PageEventType[];

/** The page script's axios call ids are this and a number from 1 (src/inject/axios/tracker.ts). */
export const CALL_ID_PREFIX = 'axr';

const PREFIX_CODES = Array.from(CALL_ID_PREFIX, (c) => c.charCodeAt(0));
const ZERO = 48;
const NINE = 57;

/**
 * The n of a call id CALL_ID_PREFIX + n that the wire may write as −n; undefined
 * for any other id. Up to 15 digits and no leading zero, so every such n is
 * safe and reads back as the same text. Read as character codes through the
 * engine's own charCodeAt: the page script calls this, and the page may have
 * replaced String.prototype's methods (a slice and a parse would also make a
 * string per request, and reading `id[i]` made a one-character string per
 * character, compared as strings: once per call, as much as a step's encoding).
 */
export function callNumber(id: unknown): number | undefined {
  if (typeof id !== 'string') return undefined;
  const start = PREFIX_CODES.length;
  const end = id.length;
  if (end <= start || end > start + 15 || codeAt(id, start) === ZERO) return undefined;
  for (let i = 0; i < start; i++) if (codeAt(id, i) !== PREFIX_CODES[i]) return undefined;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = codeAt(id, i);
    if (c < ZERO || c > NINE) return undefined;
    n = n * 10 + (c - ZERO);
  }
  return n;
}

export type StepName = 'enter' | 'dispatch' | 'transport-end' | 'settle';
const ids: readonly WireField[] = [['id', 'same'], ['instanceId', 'same']];
const outcome: readonly WireField[] = [plain('status'), ['outcome', ['response', 'error']], text('errorCode')];

/** The layouts of the four axios steps, coded from WIRE_TYPES.length on in this order. Append only. */
export const STEP_LAYOUTS: ReadonlyArray<readonly [StepName, readonly WireField[]]> = [
  ['enter', [...ids, text('method'), text('url'), plain('attempt'), plain('replayOf')]],
  ['dispatch', [...ids, ['token', 'token'], ['headers', 'headers'], text('method'), text('url')]],
  ['transport-end', [...ids, ...outcome]],
  ['settle', [...ids, ...outcome]],
];

export interface WireLayout {
  type: PageEventType;
  fields: readonly WireField[];
  /** Fields every event of this layout has, and the value (an axios step's `step`). */
  fixed?: { name: string; value: string };
  /** Fields not written at all: the same as the previous event of the type in the batch (there must be one); absent there, absent here. */
  continued?: readonly string[];
  /** Fields not written at all: the same as the previous step of this layout's kind (`fixed`) in the batch (there must be one); absent there, absent here. */
  again?: readonly string[];
}

/**
 * The step layouts again, without the call's ids: for a step of the same
 * call (and instance) as the axios step written just before it, which is
 * most of them. Coded after STEP_LAYOUTS, in the same order.
 */
const CONTINUED_STEP_LAYOUTS: readonly WireLayout[] = STEP_LAYOUTS.map(([step, fields]) => ({
  type: 'axios-step' as const,
  fields: fields.slice(ids.length),
  fixed: { name: 'step', value: step },
  continued: ['id', 'instanceId'],
}));

/**
 * A settle with nothing of its own but its time: the same call, instance
 * and outcome as the step before it (the adapter's end, when the response
 * interceptors passed its result on, which is most requests). Coded after
 * CONTINUED_STEP_LAYOUTS.
 */
const SETTLE_AS_BEFORE: WireLayout = {
  type: 'axios-step',
  fields: [],
  fixed: { name: 'step', value: 'settle' },
  continued: ['id', 'instanceId', 'status', 'outcome', 'errorCode'],
};

/**
 * A step with nothing of its own but its time (an enter: and its call id):
 * the same instance, method, URL, attempt, token, headers or outcome as the
 * previous step of its kind in the batch, which is what a loop of calls to
 * one endpoint writes. A dispatch or an adapter's end so is of the same call
 * as the step before it, too. Coded after SETTLE_AS_BEFORE, in this order.
 */
const STEPS_AGAIN: readonly WireLayout[] = [
  { type: 'axios-step', fields: [['id', 'same']], fixed: { name: 'step', value: 'enter' }, again: ['instanceId', 'method', 'url', 'attempt', 'replayOf'] },
  { type: 'axios-step', fields: [], fixed: { name: 'step', value: 'dispatch' }, continued: ['id', 'instanceId'], again: ['token', 'headers', 'method', 'url'] },
  { type: 'axios-step', fields: [], fixed: { name: 'step', value: 'transport-end' }, continued: ['id', 'instanceId'], again: ['status', 'outcome', 'errorCode'] },
];

/** Every layout, by its code. */
export const WIRE_LAYOUTS: readonly WireLayout[] = [
  ...WIRE_TYPES.map((type) => ({ type, fields: WIRE_FIELDS[type] })),
  ...STEP_LAYOUTS.map(([step, fields]) => ({ type: 'axios-step' as const, fields, fixed: { name: 'step', value: step } })),
  ...CONTINUED_STEP_LAYOUTS,
  SETTLE_AS_BEFORE,
  ...STEPS_AGAIN,
];

/** The code of the first of STEPS_AGAIN (an enter); a dispatch's is one more, an adapter's end's two. */
export const STEP_AGAIN_CODE = WIRE_LAYOUTS.indexOf(STEPS_AGAIN[0]);

/** The code of SETTLE_AS_BEFORE. */
export const SETTLE_AS_BEFORE_CODE = WIRE_LAYOUTS.indexOf(SETTLE_AS_BEFORE);

/**
 * The packed steps (wire-format.ts, top), by kind: 0 an enter again (of the
 * call numbered one more than the previous enter's), 1 a dispatch again,
 * 2 an adapter's end again (STEPS_AGAIN), 3 a settle as before (SETTLE_AS_BEFORE).
 */
export const PACKED_SETTLE = 3;

/** A packed step's kind and time delta (µs, an integer of either sign) as one non-negative safe integer: what a run writes (wire-runs.ts). */
export function packedValue(kind: number, dt: number): number {
  return kind + 4 * (dt >= 0 ? 2 * dt : -2 * dt - 1);
}

/** A packed step as a record of `f` by itself: its packedValue as a negative safe integer. */
export function packStep(kind: number, dt: number): number {
  return -(1 + packedValue(kind, dt));
}

/** The kind and time delta of a packed step; undefined for anything packStep cannot give. */
export function unpackStep(value: unknown): { kind: number; dt: number } | undefined {
  if (!Number.isSafeInteger(value) || (value as number) >= 0) return undefined;
  const v = -(value as number) - 1;
  const kind = v % 4;
  const zigzag = (v - kind) / 4;
  return { kind, dt: zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2 };
}
