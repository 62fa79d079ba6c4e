import { describe, expect, it } from 'vitest';
import { extensionInstance } from './extension-instance';
import { memoryStorage } from './test-helpers';

describe('extensionInstance', () => {
  it('is kept across worker restarts and new once session storage is emptied (the extension reloaded)', async () => {
    const storage = memoryStorage();
    let n = 0;
    const next = () => `id${++n}`;
    const first = await extensionInstance(storage, next);
    // A restarted worker reads the same storage.
    expect(await extensionInstance(storage, next)).toBe(first);
    // A reload empties it.
    expect(await extensionInstance(memoryStorage(), next)).not.toBe(first);
  });

  it('names a new instance when what is stored is not a name', async () => {
    const storage = memoryStorage();
    await storage.set({ instance: 42 });
    expect(await extensionInstance(storage, () => 'fresh')).toBe('fresh');
    expect(await extensionInstance(storage, () => 'other')).toBe('fresh');
  });
});
