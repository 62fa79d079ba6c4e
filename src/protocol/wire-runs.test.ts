import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBatchData } from './wire-decode';
import { BatchWriter } from './wire-encode';
import { packedValue, packStep, PACKED_SETTLE } from './wire-format';
import { MAX_RUN_CHARS, RUN_DIGITS, runSteps, writeLongRunValue } from './wire-runs';

/** A run written the way the writer writes one. */
function runOf(values: readonly number[]): string {
  const codes: number[] = [];
  let at = 0;
  for (const v of values) at = v < 64 ? ((codes[at] = RUN_DIGITS.charCodeAt(v)), at + 1) : writeLongRunValue(codes, at, v);
  return String.fromCharCode(...codes);
}

describe('runs of packed steps', () => {
  it('writes a value below 64 as one digit and a larger one as a marker and its digits, most significant first', () => {
    expect(runOf([0, 1, 2, 3, 63])).toBe('0123_');
    expect(runOf([64, 4095, 4096, 8000])).toBe('!10!__#100#1z0');
    expect(runOf([2 ** 44])).toBe(`)${'4'}${'0'.repeat(7)}`);
    expect(runSteps('0123_')).toEqual([-1, -2, -3, -4, -64]);
    expect(runSteps('!10#1z0')).toEqual([-65, -8001]);
  });

  it('reads back every step a writer packs, kinds and times of either sign', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: -(2 ** 40) + 1, max: 2 ** 40 - 1 })), { minLength: 1, maxLength: 50 }), (steps) => {
        expect(runSteps(runOf(steps.map(([kind, dt]) => packedValue(kind, dt))))).toEqual(steps.map(([kind, dt]) => packStep(kind, dt)));
      }),
    );
  });

  it('refuses text that no writer makes: empty, an unknown character, a value cut short, a long form of a short value', () => {
    for (const text of ['', ' ', '0 1', '"', '\\', 'é', '0\u{1F600}', '!', '!1', '#10', ')0000000', '!00', '!0_', '#03_', '*0', '.'])
      expect(runSteps(text), JSON.stringify(text)).toBeUndefined();
  });

  it('closes a run at its length limit and before any other record, keeping the order of every step', () => {
    const writer = new BatchWriter(0);
    const calls = Math.ceil(MAX_RUN_CHARS / 7) + 10;
    for (let n = 1; n <= calls; n++) {
      const common = { type: 'axios-step', t: n, id: `axr${n}`, instanceId: 'axi1' } as const;
      writer.write({ ...common, step: 'enter', method: 'GET', url: '/a', attempt: 1 });
      writer.write({ ...common, step: 'dispatch' });
      writer.write({ ...common, step: 'transport-end', status: 200, outcome: 'response' });
      writer.write({ ...common, step: 'settle', status: 200, outcome: 'response' });
    }
    writer.write({ type: 'page-start', t: calls + 1, url: 'https://app.example/', readyState: 'loading' });
    const { f } = writer.data();
    // The runs are the strings where a record's length would be.
    const runs: string[] = [];
    for (let i = 0; i < f.length; ) {
      const at = f[i];
      if (typeof at === 'string') runs.push(at);
      i += typeof at === 'number' && at >= 0 ? at + 1 : 1;
    }
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const run of runs) expect(run.length).toBeLessThanOrEqual(MAX_RUN_CHARS + 8);
    const packed = runs.flatMap((run) => runSteps(run) ?? []);
    // Every step of a call after the second is packed: an enter 1 ms after the settle before it, the others in the same tick.
    expect(packed.length).toBeGreaterThanOrEqual(4 * (calls - 2));
    const decoded = decodeBatchData(writer.data(), 0, writer.count);
    expect(decoded.malformed).toBe(0);
    expect(decoded.events.map((e) => (e as { step?: string }).step ?? e.type).slice(-5)).toEqual(['enter', 'dispatch', 'transport-end', 'settle', 'page-start']);
    expect(packed.slice(-4)).toEqual([packStep(0, 1000), packStep(1, 0), packStep(2, 0), packStep(PACKED_SETTLE, 0)]);
  });
});
