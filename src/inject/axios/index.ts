/**
 * The axios view: finds every axios instance the page creates (detect.ts
 * explains how and why), reports each call's steps through the interceptor
 * chain (request-hook.ts, chain-hook.ts), links replays (replay.ts) and lets
 * the fetch/XHR hooks name the axios call a transport request serves
 * (transport-link.ts). Call once, at document_start, before any page script.
 */
import type { InjectContext } from '../context';
import { installAssignHook } from './detect';
import { AxiosInstrumentation } from './instrument';
import { installRegisterHook } from './register-hook';
import { isLive } from '../disguise';
import { own } from './passive';
import { setLinkClock } from './transport-link';

export { claimAxiosId } from './transport-link';
export { GLOBAL_NAME, liveCopyIn, type RefreshLensGlobal } from './register-hook';

let installed = false;

export function installAxiosHooks(ctx: InjectContext): void {
  if (installed) return;
  installed = true;
  ctx.guard(() => {
    const guard = <T>(fn: () => T) => ctx.guard(fn);
    const microtask = queueMicrotask.bind(globalThis);
    const instrumentation = new AxiosInstrumentation(ctx, (fn) => microtask(fn));
    setLinkClock(() => ctx.now());
    // Function.prototype only: anything defined on Object.prototype sends every Object.defineProperty
    // in the page the slow way, for good (bench/prototype-hook-cost.ts). detect.ts says what each name catches.
    installAssignHook(Function.prototype, 'Axios', (r, v) => instrumentation.onAxiosClass(r, v), guard);
    installAssignHook(Function.prototype, 'interceptors', (r) => instrumentation.onInstanceFunction(r), guard);
    installAssignHook(Function.prototype, 'create', (r) => instrumentation.onInstanceFunction(r), guard);
    installRegisterHook(globalThis, (instance, label) => instrumentation.register(instance, label), guard, isLive);
    // Injected after the page loaded axios from a <script> tag: take that one as found.
    instrumentation.register(own(globalThis, 'axios'), 'window.axios', 'auto');
  });
}
