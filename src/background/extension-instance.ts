import type { KeyValueStore } from './log-storage';

const KEY = 'instance';

/**
 * Names this loaded copy of the extension. Kept in session storage, which
 * outlives the service worker but is emptied when the extension is reloaded
 * or updated: a restarted worker gives the same name, a reloaded extension a
 * new one (router.ts tells stale content scripts apart by it).
 */
export async function extensionInstance(storage: KeyValueStore, newId = randomId): Promise<string> {
  const kept = (await storage.get([KEY]).catch(() => ({})) as Record<string, unknown>)[KEY];
  if (typeof kept === 'string' && kept.length > 0) return kept;
  const id = newId();
  // Written when the extension starts, into an empty session storage; if it
  // failed all the same, this worker still has a name, and a restarted one
  // would take its bridges for stale ones: lost events, not a dead worker.
  await storage.set({ [KEY]: id }).catch(() => undefined);
  return id;
}

function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint32Array(2)), (n) => n.toString(36)).join('');
}
