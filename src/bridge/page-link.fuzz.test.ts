import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPageMessage, isPageEvent, LIMITS, PROTOCOL_VERSION, SOURCE } from '../protocol';
import { wireBatch } from '../protocol/wire-testing';
import { pageLinkHarness } from './test-helpers';

const HOSTILE = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '"><svg onload=alert(1)>', 'javascript:alert(1)', '{{constructor.constructor("alert(1)")()}}'];
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE), fc.string(), fc.string({ unit: 'grapheme', maxLength: 40 }));

const event = fc.oneof(
  fc.record({ type: fc.constant('request-start'), seq: fc.nat(), t: fc.double(), id: hostileString, transport: fc.constantFrom('fetch', 'xhr', 'ws'),
    method: hostileString, url: hostileString, headers: fc.dictionary(hostileString, hostileString, { maxKeys: 3 }) }),
  fc.record({ type: fc.constant('request-end'), seq: fc.integer({ min: -2, max: 1e6 }), t: fc.double(), id: hostileString, status: fc.oneof(fc.integer(), fc.double()) }),
  fc.record({ type: fc.constant('page-start'), seq: fc.nat(), t: fc.double(), url: fc.oneof(hostileString, fc.constant('x'.repeat(LIMITS.stringLength + 1))), readyState: hostileString }),
  fc.record({ type: fc.constantFrom('__proto__', 'constructor', 'command', 'subscribe'), seq: fc.nat(), t: fc.double() }),
  fc.anything({ maxDepth: 2 }),
);

const envelopeLike = fc.record(
  {
    source: fc.oneof(fc.constant(SOURCE), hostileString),
    v: fc.oneof(fc.constant(PROTOCOL_VERSION), fc.integer({ min: -1, max: 5 }), hostileString),
    kind: fc.constantFrom('hello', 'batch', 'subscribe', 'clear', 'welcome', 'command', '__proto__'),
    session: fc.oneof(fc.constant('s'), fc.constant('t'), hostileString, fc.constant('x'.repeat(65))),
    url: hostileString,
    events: fc.oneof(fc.array(event, { maxLength: 4 }), fc.constant(Array(LIMITS.eventsPerBatch + 1).fill(0)), fc.anything({ maxDepth: 1 })),
    dropped: fc.oneof(fc.nat(5), fc.integer({ min: -3, max: 3 }), fc.double()),
    tabId: fc.integer(),
  },
  { requiredKeys: ['source', 'v', 'kind'] },
);

/** Well-formed events whose strings are hostile: these must be relayed, as data. */
const goodEvent = fc.oneof(
  fc.record({ type: fc.constant('request-start' as const), t: fc.double({ noNaN: true, noDefaultInfinity: true }), id: fc.string({ maxLength: 8 }),
    transport: fc.constantFrom('fetch' as const, 'xhr' as const), method: hostileString, url: hostileString, headers: fc.dictionary(hostileString, hostileString, { maxKeys: 3 }) }),
  fc.record({ type: fc.constant('page-start' as const), t: fc.nat(), url: hostileString, readyState: hostileString }),
);
/** A body that is not what our page script writes: the bridge cannot tell, the background must. */
const badBody = fc.oneof(
  fc.string(),
  fc.anything({ maxDepth: 3 }).map((x) => JSON.stringify(x) ?? ''),
  fc.record({ o: fc.oneof(fc.double(), hostileString), k: fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
    e: fc.array(fc.array(fc.oneof(fc.integer({ min: -1, max: 8 }), hostileString, fc.double(), fc.constant(null), fc.dictionary(hostileString, fc.oneof(hostileString, fc.integer()))), { maxLength: 16 }), { maxLength: 4 }) })
    .map((x) => JSON.stringify(x)),
);
const goodBatch = fc.record({ events: fc.array(goodEvent, { maxLength: 5 }), gap: fc.nat(3), dropped: fc.nat(2), body: fc.option(badBody, { freq: 3 }) });

/** What a page can put in the event's detail: JSON of anything, broken JSON, non-strings. */
const detail = fc.oneof(
  goodBatch,
  goodBatch,
  envelopeLike.map((m) => JSON.stringify(m)),
  envelopeLike.map((m) => JSON.stringify(m).slice(0, -3)),
  fc.anything().map((x) => JSON.stringify(x) ?? 'undefined'),
  fc.anything(),
  fc.string(),
  fc.constant('{"__proto__":{"polluted":1},"source":"refresh-lens"}'),
);

function isGoodBatch(x: unknown): x is { events: object[]; gap: number; dropped: number; body: string | null } {
  return typeof x === 'object' && x !== null && 'gap' in x && 'events' in x && Array.isArray((x as { events: unknown }).events) && !('source' in x);
}

describe('the page-to-bridge channel, fuzzed', () => {
  it('never throws; every message is relayed or counted as rejected, exactly once', () => {
    let inputs = 0;
    let rejected = 0;
    let accepted = 0;
    let relayedEvents = 0;
    let refusedEvents = 0;
    fc.assert(
      fc.property(fc.array(detail, { minLength: 10, maxLength: 20 }), (details) => {
        const h = pageLinkHarness();
        const page = h.offer();
        let seq = 0;
        for (const item of details) {
          inputs++;
          // A good batch gets the sequence numbers our page script would give it.
          let d = item;
          if (isGoodBatch(item)) {
            const first = seq + item.gap;
            const { count, body } = wireBatch(item.events.map((e, i) => ({ ...e, seq: first + i })));
            const header = { source: SOURCE, v: PROTOCOL_VERSION, kind: 'batch', session: 's', first, count, dropped: item.dropped };
            d = `${JSON.stringify(header)}\n${item.body ?? body}`;
            seq = first + count + item.dropped;
          }
          const before = h.rejects.length;
          expect(() => page.sendRaw(d)).not.toThrow();
          const counted = h.rejects.length - before;
          expect(counted).toBeLessThanOrEqual(1);
          if (counted === 1) rejected++;
          else {
            // Accepted only what the validator accepts (and the channel's own order rules allow).
            expect(typeof d).toBe('string');
            expect(checkPageMessage(JSON.parse((d as string).split('\n')[0])).ok).toBe(true);
            accepted++;
          }
        }
        // The background decodes what was relayed: every event is stored only if well-formed, or counted.
        for (const relayed of h.events) {
          for (const e of relayed.events) expect(isPageEvent(e)).toBe(true);
          relayedEvents += relayed.events.length;
          refusedEvents += relayed.malformed;
        }
      }),
      { numRuns: 1000 },
    );
    expect(inputs).toBeGreaterThanOrEqual(10_000);
    expect(rejected + accepted).toBe(inputs);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Print the figures for the report.
    expect(accepted).toBeGreaterThan(inputs / 10);
    expect(relayedEvents).toBeGreaterThan(0);
    expect(refusedEvents).toBeGreaterThan(0);
    console.info(`page-to-bridge fuzz: ${inputs} inputs, ${rejected} rejected and counted, ${accepted} accepted; their events: ${relayedEvents} stored, ${refusedEvents} refused and counted by the background`);
  });

  it('refuses a 5 MB message without parsing it', () => {
    const h = pageLinkHarness();
    const page = h.offer();
    page.sendRaw(`{"source":"${SOURCE}",` + ' '.repeat(5 * 1024 * 1024) + '}');
    expect(h.rejects).toEqual(['oversized']);
  });
});
