/**
 * Ties detection to instrumentation: when a context or a copy's Axios class
 * is seen, wrap that copy's `Axios.prototype._request` (1.x) or `request`
 * (0.x) and its
 * `InterceptorManager.prototype.forEach` (once per copy), and record the
 * instance. Also serves the opt-in `register(instance, label)`.
 */
import type { InjectContext } from '../context';
import { wrapForEach } from './chain-hook';
import { wrapInnerRequest } from './inner-request-hook';
import { deepestOwner, own } from './passive';
import { newCopy, Registry, type Copy, type Instance } from './registry';
import { wrapRequest } from './request-hook';
import { isAxiosClass, isAxiosContext, isInterceptorPair, type InterceptorPair } from './shapes';
import { Tracker } from './tracker';
import { apply, indexOf, OwnWeakMap, OwnWeakSet } from '../../protocol/intrinsics';

// Taken when the page script starts: the page's to replace later.
const sourceOf = Function.prototype.toString;

/**
 * axios before 0.21.2 builds the chain without asking `runWhen` (property
 * names survive minification, so its source tells). A source we cannot read
 * (a bound or native function): assume it asks, as every later version does.
 */
function readsNoRunWhen(request: unknown): boolean {
  if (typeof request !== 'function') return false;
  try {
    const source = apply(sourceOf, request, []) as string;
    return indexOf(source, 'runWhen') < 0 && indexOf(source, '[native code]') < 0;
  } catch {
    return false;
  }
}

export class AxiosInstrumentation {
  readonly registry: Registry;
  readonly tracker: Tracker;
  private readonly wrappedManagers = new OwnWeakSet<object>();
  private readonly hand = new OwnWeakMap<object, { instance: Instance; response: object }>();

  constructor(
    private readonly ctx: InjectContext,
    defer: (fn: () => void) => void,
  ) {
    this.registry = new Registry(ctx, defer);
    this.tracker = new Tracker(ctx, this.registry, (context) => this.adopt(context));
  }

  /** Object.prototype `interceptors` setter: `receiver.interceptors = value` just happened. */
  onInterceptors(receiver: object, value: unknown): void {
    if (isAxiosContext(receiver, value)) this.addContext(receiver, value as InterceptorPair);
  }

  /** Function.prototype `Axios` setter: a copy's default export got `axios.Axios = Axios`. */
  onAxiosClass(receiver: object, value: unknown): void {
    if (typeof receiver !== 'function' || !isAxiosClass(value)) return;
    this.instrumentCopy(own(value, 'prototype') as object).root = receiver;
  }

  /**
   * The opt-in hook (via 'hook'), also used at install for a `window.axios`
   * that is already there (via 'auto': the script was injected late). True
   * when `instance` is an axios instance, now or already tracked.
   */
  register(instance: unknown, label: unknown, via: 'auto' | 'hook' = 'hook'): boolean {
    const pair = own(instance, 'interceptors');
    if (!isInterceptorPair(pair)) return false;
    const text = typeof label === 'string' ? label : undefined;
    const known = this.registry.ofPair(pair);
    if (known) {
      if (via === 'hook') this.registry.announce(known, 'hook', text);
      return true;
    }
    // Created before we were installed: its bound `request` escapes our
    // wrapper, so the chain hook starts and settles its calls itself.
    const AxiosClass = own(instance, 'Axios');
    const copy: Copy = isAxiosClass(AxiosClass) ? this.instrumentCopy(own(AxiosClass, 'prototype') as object) : newCopy();
    if (typeof instance === 'function' && isAxiosClass(AxiosClass)) copy.root ??= instance;
    this.instrumentManagers(pair);
    const created = this.registry.add(undefined, pair, copy);
    this.hand.set(pair.request, { instance: created, response: pair.response });
    this.registry.announce(created, via, text);
    return true;
  }

  /**
   * A context met inside `request` that detection never saw: built before
   * its copy was wrapped, so its instance's bound `request` may escape the
   * wrapper; its chain hook then starts and settles such calls itself.
   */
  private adopt(context: object): Instance | undefined {
    const pair = own(context, 'interceptors');
    if (!isAxiosContext(context, pair)) return undefined;
    const instance = this.addContext(context, pair as InterceptorPair);
    const { request, response } = pair as InterceptorPair;
    if (instance && !this.hand.has(request)) this.hand.set(request, { instance, response });
    return instance;
  }

  private addContext(context: object, pair: InterceptorPair): Instance | undefined {
    const owner = deepestOwner(context, 'request');
    if (!owner) return undefined;
    const copy = this.instrumentCopy(owner);
    this.instrumentManagers(pair);
    return this.registry.add(context, pair, copy);
  }

  private instrumentCopy(requestOwner: object): Copy {
    const { copy, created } = this.registry.copyFor(requestOwner);
    // 1.x enters through `_request` (inner-request-hook.ts), 0.x through `request`.
    if (created && !(typeof own(requestOwner, '_request') === 'function' && wrapInnerRequest(requestOwner, this.tracker))) {
      copy.early = readsNoRunWhen(own(requestOwner, 'request'));
      wrapRequest(requestOwner, this.tracker, this.ctx);
    }
    return copy;
  }

  private instrumentManagers(pair: InterceptorPair): void {
    for (const manager of [pair.request, pair.response]) {
      const owner = deepestOwner(manager, 'forEach');
      if (!owner || this.wrappedManagers.has(owner)) continue;
      this.wrappedManagers.add(owner);
      wrapForEach(owner, {
        tracker: this.tracker,
        handRegistered: (m) => this.hand.get(m),
      });
    }
  }
}
