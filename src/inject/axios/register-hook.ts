/**
 * The opt-in hook, for apps that want to name their instances or that create
 * them before Refresh Lens starts: `window.__REFRESH_LENS__?.register(api, 'api')`.
 * Installed as a non-enumerable, read-only property of window holding a
 * frozen object, so it shows in no enumeration and the page cannot break it
 * for other callers. Calling it twice, or with anything, is harmless: it
 * returns true for an axios instance, false otherwise, and never throws.
 */
export const GLOBAL_NAME = '__REFRESH_LENS__';

export interface RefreshLensGlobal {
  readonly version: 1;
  register(instance: unknown, label?: unknown): boolean;
}

export function installRegisterHook(target: object, register: (instance: unknown, label: unknown) => boolean, guard: <T>(fn: () => T) => T | undefined): boolean {
  if (Object.getOwnPropertyDescriptor(target, GLOBAL_NAME) !== undefined) return false;
  const api: RefreshLensGlobal = Object.freeze({
    version: 1 as const,
    register(instance: unknown, label?: unknown): boolean {
      return guard(() => register(instance, label)) === true;
    },
  });
  return Reflect.defineProperty(target, GLOBAL_NAME, { value: api, enumerable: false, writable: false, configurable: true });
}
