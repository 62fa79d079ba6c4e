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
import { apply, applyArgs, indexOf, OwnWeakMap, OwnWeakSet } from '../../protocol/intrinsics';

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

const define = Reflect.defineProperty;

/**
 * axios 0.x: its default instance is bound to the original `request`
 * (`bind(Axios.prototype.request, context)`) before `axios.Axios = Axios`
 * tells us of the copy, so `axios(config)` and `axios.request(config)` would
 * miss the wrapper. axios's `bind` calls `fn.apply(context, args)`: an own
 * `apply` on that one function object, which no page code can reach once
 * the prototype holds the wrapper, hands those calls to the wrapper.
 */
function reachBoundCalls(original: unknown, wrapper: unknown): void {
  if (typeof original !== 'function' || typeof wrapper !== 'function' || original === wrapper) return;
  define(original, 'apply', {
    value(this: unknown, self: unknown, args?: ArrayLike<unknown> | null) {
      return applyArgs(this === original ? (wrapper as Function) : (this as Function), self, args ?? []);
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

export class AxiosInstrumentation {
  readonly registry: Registry;
  readonly tracker: Tracker;
  private readonly wrappedManagers = new OwnWeakSet<object>();
  private readonly hand = new OwnWeakMap<object, { instance: Instance; response: object }>();

  /** Each wrapped InterceptorManager prototype's copy, when known: how an instance function names its copy. */
  private readonly managerCopies = new OwnWeakMap<object, Copy>();

  constructor(
    private readonly ctx: InjectContext,
    defer: (fn: () => void) => void,
  ) {
    this.registry = new Registry(ctx, defer);
    this.tracker = new Tracker(ctx, this.registry, (context) => this.adopt(context));
  }

  /**
   * Function.prototype `Axios` setter: a copy's default export got `axios.Axios = Axios`,
   * right after its default instance was built: the copy is wrapped, and its default
   * instance recorded, before any call.
   */
  onAxiosClass(receiver: object, value: unknown): void {
    if (typeof receiver !== 'function' || !isAxiosClass(value)) return;
    const copy = this.instrumentCopy(own(value, 'prototype') as object);
    copy.root = receiver;
    const pair = own(receiver, 'interceptors');
    if (!isInterceptorPair(pair)) return;
    this.instrumentManagers(pair, copy);
    const instance = this.registry.add(undefined, pair, copy);
    if (instance.copy !== copy) {
      // Met first as an instance function of a copy not yet known (onInstanceFunction): this copy's default instance.
      instance.copy = copy;
      this.hand.delete(pair.request);
    }
  }

  /**
   * Function.prototype `interceptors` or `create` setter: axios is building an
   * instance function (0.x's `extend` assigns it the context's `interceptors`;
   * `createInstance` assigns `create`). An instance of a copy we wrapped is
   * recorded with it. Any other is the default instance of a copy whose
   * `axios.Axios = Axios` comes next (onAxiosClass then gives it its copy),
   * or an instance of a copy loaded before we started, whose calls escape
   * the wrappers: until then, or for good, it is tracked from its chain, as
   * a registered one is. Announced after the current task either way.
   */
  onInstanceFunction(receiver: object): void {
    if (typeof receiver !== 'function') return;
    const pair = own(receiver, 'interceptors');
    if (!isInterceptorPair(pair) || this.registry.ofPair(pair)) return;
    const owner = deepestOwner(pair.request, 'forEach');
    const known = owner && this.managerCopies.get(owner);
    if (known) {
      this.registry.add(undefined, pair, known);
      return;
    }
    this.trackFromChain(pair);
  }

  /**
   * An instance whose calls may escape our wrappers (its bound `request`
   * predates them): its chain hook starts and settles them itself. `copy`:
   * its copy, when we know and have wrapped it, so that the copy's later
   * instances are recorded with it too (onInstanceFunction).
   */
  private trackFromChain(pair: InterceptorPair, copy?: Copy): Instance {
    this.instrumentManagers(pair, copy);
    const instance = this.registry.add(undefined, pair, copy ?? newCopy());
    this.hand.set(pair.request, { instance, response: pair.response });
    return instance;
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
    // Created before we were installed: tracked from its chain. A default
    // export names its copy (its Axios class), which is wrapped for the
    // instances it creates from now on.
    const AxiosClass = own(instance, 'Axios');
    const copy = isAxiosClass(AxiosClass) ? this.instrumentCopy(own(AxiosClass, 'prototype') as object) : undefined;
    if (copy && typeof instance === 'function') copy.root ??= instance;
    const created = this.trackFromChain(pair, copy);
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
    this.instrumentManagers(pair, copy);
    return this.registry.add(context, pair, copy);
  }

  private instrumentCopy(requestOwner: object): Copy {
    const { copy, created } = this.registry.copyFor(requestOwner);
    // 1.x enters through `_request` (inner-request-hook.ts), 0.x through `request`.
    if (created && !(typeof own(requestOwner, '_request') === 'function' && wrapInnerRequest(requestOwner, this.tracker))) {
      const original = own(requestOwner, 'request');
      copy.early = readsNoRunWhen(original);
      if (wrapRequest(requestOwner, this.tracker, this.ctx)) reachBoundCalls(original, own(requestOwner, 'request'));
    }
    return copy;
  }

  private instrumentManagers(pair: InterceptorPair, copy?: Copy): void {
    for (const manager of [pair.request, pair.response]) {
      const owner = deepestOwner(manager, 'forEach');
      if (owner && copy && !this.managerCopies.has(owner)) this.managerCopies.set(owner, copy);
      if (!owner || this.wrappedManagers.has(owner)) continue;
      this.wrappedManagers.add(owner);
      wrapForEach(owner, {
        tracker: this.tracker,
        handRegistered: (m) => this.hand.get(m),
      });
    }
  }
}
