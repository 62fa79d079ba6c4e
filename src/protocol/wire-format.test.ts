import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PageEventType } from './events';
import { eventFieldNames } from './validate';
import { decodeBatchBody } from './wire-decode';
import { BatchWriter, encodeBatchBody } from './wire-encode';
import { callNumber, packStep, unpackStep, WIRE_FIELDS, WIRE_TYPES } from './wire-format';
import { alike, callSteps, event, numbered, ORIGIN } from './wire-arbitraries';

describe('the batch wire format', () => {
  it('names every field the protocol allows, for every event type', () => {
    for (const type of WIRE_TYPES) expect(WIRE_FIELDS[type].map(([name]) => name).sort(), type).toEqual(eventFieldNames(type as PageEventType).sort());
  });

  it('gives back exactly the events it was given, numbered from the header, times to the microsecond', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), fc.nat(1e9), (raw, first) => {
        const events = numbered(raw, first);
        const decoded = decodeBatchBody(encodeBatchBody(events, ORIGIN), first, events.length);
        expect(decoded.malformed).toBe(0);
        expect(decoded.events.map(({ t, ...rest }) => rest)).toEqual(events.map(({ t, ...rest }) => rest));
        decoded.events.forEach((e, i) => expect(Math.abs(e.t - events[i].t)).toBeLessThan(0.0006));
      }),
      { numRuns: 500 },
    );
  });

  it('gives back exactly the steps it was given when most are like the one before them of their kind', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(alike, alike, alike, event), { maxLength: 40 }), (raw) => {
        const events = numbered(raw, 0);
        const decoded = decodeBatchBody(encodeBatchBody(events, ORIGIN), 0, events.length);
        expect(decoded.malformed).toBe(0);
        expect(decoded.events.map(({ t, ...rest }) => rest)).toEqual(events.map(({ t, ...rest }) => rest));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives back the same steps when each is offered to repeat first, as the page script does, and only the event of a refused one is written', () => {
    const INDEX = { enter: 0, dispatch: 1, 'transport-end': 2, settle: 3 } as const;
    let repeated = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(callSteps, callSteps, callSteps, fc.tuple(alike), fc.tuple(event)), { maxLength: 12 }), (runs) => {
        const events = numbered(runs.flat(), 0);
        const writer = new BatchWriter(ORIGIN);
        for (const e of events) {
          if (e.type === 'axios-step' && /^axr\d+$/.test(e.id)) {
            const fields = e.step === 'enter' ? [e.method, e.url, e.attempt, e.replayOf] : e.step === 'dispatch' ? [e.token, e.headers, e.method, e.url] : [e.status, e.outcome, e.errorCode, undefined];
            const stepOnly = Object.keys(e).every((k) => ['type', 't', 'seq', 'id', 'instanceId', 'step'].includes(k) || (e.step === 'enter' ? ['method', 'url', 'attempt', 'replayOf'] : e.step === 'dispatch' ? ['token', 'headers', 'method', 'url'] : ['status', 'outcome', 'errorCode']).includes(k));
            if (stepOnly && writer.repeat(INDEX[e.step], e.t, e.id, Number(e.id.slice(3)), e.instanceId, fields[0], fields[1], fields[2], fields[3])) {
              repeated++;
              continue;
            }
          }
          writer.write(e as unknown as Record<string, unknown>);
        }
        expect(writer.count).toBe(events.length);
        const decoded = decodeBatchBody(writer.body(), 0, events.length);
        expect(decoded.malformed).toBe(0);
        expect(decoded.events.map(({ t, ...rest }) => rest)).toEqual(events.map(({ t, ...rest }) => rest));
        decoded.events.forEach((e, i) => expect(Math.abs(e.t - events[i].t)).toBeLessThan(0.0006));
      }),
      { numRuns: 1000 },
    );
    // The draws did take the packed way, not only the events'.
    expect(repeated).toBeGreaterThan(2000);
  });

  it('packs a step’s kind and time into one number and unpacks it, and nothing else unpacks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: -(2 ** 40) + 1, max: 2 ** 40 - 1 }), (kind, dt) => {
        const packed = packStep(kind, dt);
        expect(Number.isSafeInteger(packed) && packed < 0).toBe(true);
        expect(unpackStep(packed)).toEqual({ kind, dt });
      }),
    );
    for (const value of [0, 1, -0.5, -(2 ** 53), Number.NaN, '-1', null]) expect(unpackStep(value)).toBeUndefined();
  });
});

describe('callNumber', () => {
  it('reads the n of axr<n>: digits only, no leading zero, at most 15', () => {
    expect(callNumber('axr1')).toBe(1);
    expect(callNumber('axr907')).toBe(907);
    expect(callNumber('axr123456789012345')).toBe(123456789012345);
    for (const id of ['axr', 'axr0', 'axr07', 'axr1234567890123456', 'axr1a', 'axr/1', 'axr:', 'bxr1', 'axs1', 'Axr1', 'x', '', 7, undefined, null]) {
      expect(callNumber(id), String(id)).toBeUndefined();
    }
  });

  it('reads with the engine\'s own charCodeAt, whatever the page replaced since', () => {
    const { charCodeAt } = String.prototype;
    String.prototype.charCodeAt = () => {
      throw new Error('a page function was called');
    };
    let n: number | undefined;
    try {
      n = callNumber('axr42');
    } finally {
      String.prototype.charCodeAt = charCodeAt;
    }
    expect(n).toBe(42);
  });
});
