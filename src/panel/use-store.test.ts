import { describe, expect, it } from 'vitest';
import { nextRenderDelay } from './use-store';

describe('nextRenderDelay', () => {
  it('renders every 16 ms while renders are cheap, and keeps slow renders to a third of the thread', () => {
    expect(nextRenderDelay(0)).toBe(16);
    expect(nextRenderDelay(5)).toBe(16);
    expect(nextRenderDelay(30)).toBe(60);
    expect(nextRenderDelay(150)).toBe(300);
  });
});
