/**
 * The opt-in hook, for apps that want to name their instances or that create
 * them before Refresh Lens starts: `window.__REFRESH_LENS__?.register(api, 'api')`.
 * Installed as a non-enumerable, read-only property of window holding a
 * frozen object, so it shows in no enumeration and the page cannot break it
 * for other callers. Calling it twice, or with anything, is harmless: it
 * returns true for an axios instance, false otherwise, and never throws.
 */
export const GLOBAL_NAME = '__REFRESH_LENS__';

/**
 * Asked of the hook by a later copy of the page script (another bundle, so a
 * registry symbol): `register(ALIVE)` is true while the copy that installed
 * the hook is live, i.e. its extension has not said "bye". No property of
 * its own, so reflection on the hook sees nothing new.
 */
const ALIVE = Symbol.for('refresh-lens.alive');

export interface RefreshLensGlobal {
  readonly version: 1;
  register(instance: unknown, label?: unknown): boolean;
}

/** True when a live copy of the page script already runs in this document. Never throws. */
export function liveCopyIn(target: object): boolean {
  try {
    const d = Object.getOwnPropertyDescriptor(target, GLOBAL_NAME);
    const api = d && 'value' in d ? (d.value as Partial<RefreshLensGlobal> | undefined) : undefined;
    return typeof api?.register === 'function' && Reflect.apply(api.register, api, [ALIVE]) === true;
  } catch {
    return false;
  }
}

function isOurs(value: unknown): boolean {
  try {
    return typeof value === 'object' && value !== null && Object.isFrozen(value) && Object.getOwnPropertyDescriptor(value, 'version')?.value === 1;
  } catch {
    return false;
  }
}

export function installRegisterHook(
  target: object,
  register: (instance: unknown, label: unknown) => boolean,
  guard: <T>(fn: () => T) => T | undefined,
  isLive: () => boolean = () => true,
): boolean {
  // A retired copy's hook (its extension was reloaded) is replaced, so later
  // copies ask a live one; anything else already there is left alone.
  const d = Object.getOwnPropertyDescriptor(target, GLOBAL_NAME);
  const retiredHook = d !== undefined && d.configurable === true && isOurs(d.value) && !liveCopyIn(target);
  if (d !== undefined && !retiredHook) return false;
  const api: RefreshLensGlobal = Object.freeze({
    version: 1 as const,
    register(instance: unknown, label?: unknown): boolean {
      if (instance === ALIVE) return isLive();
      return guard(() => register(instance, label)) === true;
    },
  });
  return Reflect.defineProperty(target, GLOBAL_NAME, { value: api, enumerable: false, writable: false, configurable: true });
}
