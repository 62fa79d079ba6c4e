/**
 * The life of one axios call, as the hooks report it:
 *   enter          our request wrapper was called (before any request interceptor)
 *   dispatch       the last request interceptor returned; dispatchRequest runs next
 *   transport-end  the first response interceptor got the adapter's result
 *   settle         the last response interceptor ended: the caller's promise settles with that
 * 'enter' is timed at the wrapper but emitted from the chain's probe a moment
 * later, with the method and URL of the merged config axios just built: the
 * caller's own config object is only used as a key, never read.
 * request-hook.ts and the chain sides call in here; every call runs under ctx.guard.
 */
import { CALL_ID_PREFIX, callNumber, type AxiosStepEvent } from '../../protocol';
import type { InjectContext } from '../context';
import { clip, sanitizeHeaders } from '../request-headers';
import { responseStatus, writeOutcome } from './outcome';
import type { Instance, Registry } from './registry';
import { newCall, type Call, type Side } from './call';
import { Replays } from './replay';
import { lendAdapter } from './lent-adapter';
import { configArgument, headerEntriesOf, methodOf, requestedConfig, urlOf } from './request-info';
import { expectTransport, releaseTransport } from './transport-link';
import { OwnWeakMap } from '../../protocol/intrinsics';

type Bag = Record<string, unknown>;

export class Tracker {
  /** The call whose synchronous part (merge config, build the chain) is running. */
  active: Call | undefined;
  private readonly replays = new Replays();
  /** Calls of hand-registered instances waiting for their response manager's forEach. */
  private readonly pendingResponse = new OwnWeakMap<object, Call>();

  constructor(
    private readonly ctx: InjectContext,
    private readonly registry: Registry,
    /** Finds (and instruments) the instance of a context first met inside `request`. */
    private readonly adopt: (context: object) => Instance | undefined,
  ) {}

  /**
   * The step event, with every field it may carry reset, so that all four
   * steps share one object shape: written into the object the context hands
   * out (the batcher's kept one), so no object is made or copied per step.
   */
  private event(call: Call, step: AxiosStepEvent['step'], t: number): AxiosStepEvent {
    const e = this.ctx.stepEvent() as AxiosStepEvent;
    e.type = 'axios-step';
    e.t = t;
    e.id = call.id;
    e.instanceId = call.instanceId;
    e.step = step;
    e.method = e.url = e.replayOf = e.errorCode = undefined;
    e.attempt = e.status = undefined;
    e.token = e.headers = e.outcome = undefined;
    return e;
  }

  private newCall(instance: Instance, config: object | undefined, viaWrapper: boolean): Call {
    this.registry.announce(instance, 'auto');
    // The wire writes such ids as numbers (protocol/wire-format.ts).
    const ctx = this.ctx;
    const id = ctx.newId(CALL_ID_PREFIX);
    const n = ctx.lastIdNumber !== undefined ? ctx.lastIdNumber() : (callNumber(id) ?? 0);
    return newCall(id, n, instance, this.replays.begin(config, id), ctx.now(), viaWrapper);
  }

  /** From the request wrapper: `context.request(...args)` was called. */
  enter(context: unknown, args: ArrayLike<unknown>): Call | undefined {
    if (typeof context !== 'object' || context === null) return undefined;
    const instance = this.registry.ofContext(context) ?? this.adopt(context);
    if (!instance) return undefined;
    const call = this.newCall(instance, configArgument(args), true);
    if (call.early) call.requested = requestedConfig(context, args);
    const pair = (context as Bag).interceptors as Bag | undefined;
    call.reqMgr = pair?.request;
    call.resMgr = pair?.response;
    return call;
  }

  /** Emits 'enter' (at most once): with method and URL when axios got as far as merging the config. */
  announceEnter(call: Call): void {
    if (call.entered) return;
    call.entered = true;
    const config = call.config;
    const method = config ? (call.shownMethod = methodOf(config)) : undefined;
    const url = config ? (call.shownUrl = clip(this.urlOf(call, config))) : undefined;
    const replayOf = call.lineage.firstId !== call.id ? call.lineage.firstId : undefined;
    const ctx = this.ctx;
    if (ctx.repeatStep !== undefined && ctx.repeatStep(0, call.t0, call.id, call.n, call.instanceId, method, url, call.attempt, replayOf)) return;
    const event = this.event(call, 'enter', call.t0);
    event.method = method;
    event.url = url;
    event.attempt = call.attempt;
    event.replayOf = replayOf;
    ctx.emit(event);
  }

  /** The side of the chain chainFor (or startUnwrapped) last answered for: read at once, no object is made per call. */
  side: Side = 'request';

  /**
   * From forEach on an InterceptorManager: the call whose chain axios is now
   * building with `manager` (which side: `side`); undefined when it is not
   * building one of ours (an app calling forEach itself, say).
   */
  chainFor(manager: object): Call | undefined {
    const active = this.active;
    if (active !== undefined) {
      if (active.reqMgr === manager) {
        active.reqMgr = undefined;
        this.side = 'request';
        return active;
      }
      if (active.resMgr === manager) {
        active.resMgr = undefined;
        this.side = 'response';
        return active;
      }
    }
    const waiting = this.pendingResponse.get(manager);
    if (!waiting) return undefined;
    this.pendingResponse.delete(manager);
    this.side = 'response';
    return waiting;
  }

  /** For a hand-registered instance whose `request` we could not wrap: its request side starts the call. */
  startUnwrapped(instance: Instance, response: object): Call {
    const call = this.newCall(instance, undefined, false);
    this.pendingResponse.set(response, call);
    this.side = 'request';
    return call;
  }

  /** The merged config axios built for the call (what the first interceptor sees). */
  merged(call: Call, config: unknown): void {
    if (typeof config !== 'object' || config === null) return;
    call.config = config as Bag;
    // The probe sees the merged config while axios builds the chain, before any app code could hand it on.
    this.replays.markFresh(config, call.lineage);
    this.announceEnter(call);
  }

  /** dispatchRequest is about to run with `config` (undefined: the merged config, no interceptor ran). */
  dispatch(call: Call, config: unknown): void {
    if (call.dispatched) return;
    call.dispatched = true;
    const sent = (typeof config === 'object' && config !== null ? config : call.config) as Bag | undefined;
    if (!sent) return;
    call.sent = sent;
    // 0.x, synchronous mode, still inside axios's `request`: dispatchRequest runs next, before the call returns.
    if (call.legacy && call.syncMode && call.viaWrapper && !call.inner && this.active === call) lendAdapter(call, this, sent);
    if (sent !== call.config) this.replays.mark(sent, call.lineage);
    const method = methodOf(sent);
    const url = this.urlOf(call, sent);
    const { headers, token } = sanitizeHeaders(headerEntriesOf(sent.headers, method), this.ctx.tokenRef);
    const t = this.ctx.now();
    // Method and URL only when the request interceptors changed them: 'enter' said them already.
    const changedMethod = method !== call.shownMethod ? method : undefined;
    const clipped = clip(url);
    const changedUrl = clipped !== call.shownUrl ? clipped : undefined;
    const sentToken = token || undefined;
    const ctx = this.ctx;
    if (ctx.repeatStep === undefined || !ctx.repeatStep(1, t, call.id, call.n, call.instanceId, sentToken, headers, changedMethod, changedUrl)) {
      const event = this.event(call, 'dispatch', t);
      event.headers = headers;
      event.method = changedMethod;
      event.url = changedUrl;
      event.token = sentToken;
      ctx.emit(event);
    }
    expectTransport(call.id, method, url, t);
  }

  /** The first response handler received the adapter's result. */
  transportEnd(call: Call, value: unknown, failed: boolean): void {
    if (!call.dispatched || call.transportEnded) return;
    call.transportEnded = true;
    releaseTransport(call.id);
    const config = typeof value === 'object' && value !== null ? (value as Bag).config : undefined;
    if (config !== call.sent) this.replays.mark(config, call.lineage);
    this.outcomeStep(call, 2, this.ctx.now(), value, failed);
  }

  /** An adapter's end (index 2) or a settle (3): packed when it can be (repeatStep), else an event. */
  private outcomeStep(call: Call, index: 2 | 3, t: number, value: unknown, failed: boolean): void {
    const ctx = this.ctx;
    if (!failed && ctx.repeatStep !== undefined && ctx.repeatStep(index, t, call.id, call.n, call.instanceId, responseStatus(value), 'response', undefined, undefined)) return;
    const event = this.event(call, index === 2 ? 'transport-end' : 'settle', t);
    writeOutcome(event, value, failed);
    ctx.emit(event);
  }

  /** urlOf, computed once per call unless an interceptor changed what it depends on. */
  private urlOf(call: Call, config: Bag): string {
    const { url, baseURL, params, allowAbsoluteUrls } = config;
    // params can be changed in place, so only a call without them reuses its URL.
    if (call.url !== undefined && params == null && call.fromUrl === url && call.fromBase === baseURL && call.fromAllow === allowAbsoluteUrls) return call.url;
    call.fromUrl = url;
    call.fromBase = baseURL;
    call.fromAllow = allowAbsoluteUrls;
    return (call.url = urlOf(config));
  }

  /** The caller's promise settled, seen from outside the chain: the adapter's end too, if the chain did not report it. */
  finish(call: Call, value: unknown, failed: boolean): void {
    this.transportEnd(call, value, failed);
    this.settle(call, value, failed);
  }

  now(): number {
    return this.ctx.now();
  }

  /** `t`: when it happened, if that was before now. */
  settle(call: Call, value: unknown, failed: boolean, t?: number): void {
    if (call.settled) return;
    call.settled = true;
    this.announceEnter(call);
    if (call.dispatched && !call.transportEnded) releaseTransport(call.id);
    this.outcomeStep(call, 3, t ?? this.ctx.now(), value, failed);
  }
}
