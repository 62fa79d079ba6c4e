import { describe, expect, it } from 'vitest';
import { decodeBatchBody, LIMITS, type PageEvent } from '../protocol';
import { Batcher, PAGE_BATCHING, type BatcherOptions } from './batcher';

const ORIGIN = 1_795_644_597_000;

function setupWith(overrides: Partial<BatcherOptions> = {}) {
  const sent: Array<{ events: PageEvent[]; first: number; dropped: number; bytes: number }> = [];
  const timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  const batcher = new Batcher({
    maxEvents: 100,
    maxBytes: LIMITS.batchBytes / 4,
    maxDelayMs: 50,
    capacity: 1000,
    origin: ORIGIN,
    send: (body, first, count, dropped) => {
      // Decoded as the background would: every event the batch says it holds must be there, whole.
      const decoded = count > 0 ? decodeBatchBody(body, first, count) : { events: [], malformed: 0 };
      expect(decoded.malformed).toBe(0);
      sent.push({ events: decoded.events, first, dropped, bytes: body?.length ?? 0 });
    },
    setTimer: (fn, ms) => {
      const timer = { fn, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (t) => ((t as { cleared: boolean }).cleared = true),
    ...overrides,
  });
  const fireTimers = () => timers.filter((t) => !t.cleared).forEach((t) => ((t.cleared = true), t.fn()));
  return { batcher, sent, timers, fireTimers };
}

const ev = (i: number) => ({ type: 'request-end' as const, id: `r${i}`, status: 200, t: ORIGIN + i });

// Every test runs with events written as pushed and written in runs of 4 (PAGE_BATCHING writes 2,048 at a time).
describe.each([1, 4])('Batcher, writing %i at a time', (writeEvery) => {
  const setup = (overrides: Partial<BatcherOptions> = {}) => setupWith({ writeEvery, ...overrides });

  it('holds events until connected, then sends them in order with sequence numbers', () => {
    const { batcher, sent } = setup();
    for (let i = 0; i < 5; i++) batcher.push(ev(i));
    expect(sent).toHaveLength(0);
    batcher.connect();
    expect(sent).toHaveLength(1);
    expect(sent[0].events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(sent[0].events[3]).toEqual({ ...ev(3), seq: 3 });
  });

  it('waits unwatchedDelayMs while no panel watches, and maxDelayMs once one does', () => {
    const { batcher, sent, timers, fireTimers } = setup({ unwatchedDelayMs: 1000 });
    batcher.connect();
    batcher.push(ev(1));
    expect(timers.filter((t) => !t.cleared).map((t) => t.ms)).toEqual([1000]);
    fireTimers();
    batcher.watch(true);
    batcher.push(ev(2));
    expect(timers.filter((t) => !t.cleared).map((t) => t.ms)).toEqual([50]);
    fireTimers();
    batcher.watch(false);
    batcher.push(ev(3));
    expect(timers.filter((t) => !t.cleared).map((t) => t.ms)).toEqual([1000]);
    fireTimers();
    expect(sent.map((b) => b.events.map((e) => e.seq))).toEqual([[0], [1], [2]]);
  });

  it('sends what it holds at once when a panel starts watching, and nothing more when told again', () => {
    const { batcher, sent, timers } = setup({ unwatchedDelayMs: 1000 });
    batcher.connect();
    batcher.push(ev(1));
    batcher.push(ev(2));
    expect(sent).toHaveLength(0);
    batcher.watch(true);
    expect(sent.map((b) => b.events.map((e) => e.seq))).toEqual([[0, 1]]);
    // The slow timer is cleared: it would send an empty batch, or the next events late.
    expect(timers.filter((t) => !t.cleared)).toHaveLength(0);
    batcher.watch(true);
    expect(sent).toHaveLength(1);
  });

  it('holds events told to watch before it is connected, until it is', () => {
    const { batcher, sent } = setup({ unwatchedDelayMs: 1000 });
    batcher.push(ev(1));
    batcher.watch(true);
    expect(sent).toHaveLength(0);
    batcher.connect();
    expect(sent.map((b) => b.events.map((e) => e.seq))).toEqual([[0]]);
  });

  it('flushes after the delay when fewer than maxEvents are queued', () => {
    const { batcher, sent, timers, fireTimers } = setup();
    batcher.connect();
    batcher.push(ev(1));
    batcher.push(ev(2));
    expect(sent).toHaveLength(0);
    expect(timers.filter((t) => !t.cleared).map((t) => t.ms)).toEqual([50]);
    fireTimers();
    expect(sent).toHaveLength(1);
    expect(sent[0].events).toHaveLength(2);
  });

  it('does not clear the timer that fired, and starts a new one for the next batch', () => {
    let clears = 0;
    const { batcher, sent, timers, fireTimers } = setup({ clearTimer: () => clears++ });
    batcher.connect();
    batcher.push(ev(1));
    fireTimers();
    expect(sent).toHaveLength(1);
    expect(clears).toBe(0);
    batcher.push(ev(2));
    expect(timers.filter((t) => !t.cleared)).toHaveLength(1);
    // A flush before the timer fires (pagehide) clears the pending one.
    batcher.flush();
    expect(clears).toBe(1);
    expect(sent).toHaveLength(2);
  });

  it('flushes at once when maxEvents are queued, in batches of at most maxEvents', () => {
    const { batcher, sent } = setup();
    for (let i = 0; i < 250; i++) batcher.push(ev(i));
    batcher.connect();
    expect(sent.map((b) => b.events.length)).toEqual([100, 100, 50]);
    for (let i = 0; i < 100; i++) batcher.push(ev(i));
    expect(sent).toHaveLength(4);
    expect(sent.flatMap((b) => b.events.map((e) => e.seq))).toEqual([...Array(350).keys()]);
  });

  it('with sealedDelayMs, sends a sealed batch in a task of its own, not inside the push that filled it', () => {
    const { batcher, sent, timers, fireTimers } = setup({ sealedDelayMs: 0, unwatchedDelayMs: 5000 });
    batcher.connect();
    batcher.push(ev(0));
    expect(timers.filter((t) => !t.cleared).map((t) => t.ms)).toEqual([5000]);
    for (let i = 1; i < 150; i++) batcher.push(ev(i));
    expect(sent).toHaveLength(0);
    // The slow timer gives way to one that fires at once.
    expect(timers.filter((t) => !t.cleared).map((t) => t.ms)).toEqual([0]);
    fireTimers();
    expect(sent.map((b) => b.events.length)).toEqual([100, 50]);
  });

  it('with sealedDelayMs, sends at once when another batch could not be held before the timer fires', () => {
    const { batcher, sent } = setup({ sealedDelayMs: 0, capacity: 250 });
    batcher.connect();
    for (let i = 0; i < 150; i++) batcher.push(ev(i));
    expect(sent).toHaveLength(0);
    // A batch sealed and 151 held: another full batch of 100 would pass the capacity of 250.
    batcher.push(ev(150));
    expect(sent.map((b) => b.events.length)).toEqual([100, 51]);
    expect(batcher.pending).toBe(0);
  });

  it('seals a batch of large events before its body could outgrow a message, numbered in order', () => {
    const { batcher, sent } = setup({ maxEvents: 1000, capacity: 2000 });
    const big = 'k'.repeat(LIMITS.stringLength - 10);
    // Every key different, so the batch's string table cannot share them.
    const events = Array.from({ length: 1000 }, (_, i) => ({ type: 'token-write' as const, t: ORIGIN, store: 'cookie' as const, key: `${i}${big}`.slice(0, LIMITS.stringLength), op: 'set' as const }));
    for (const e of events) batcher.push(e);
    for (let i = 0; i < 3; i++) batcher.push(ev(i));
    batcher.connect();
    expect(sent.length).toBeGreaterThan(1);
    expect(Math.max(...sent.map((b) => b.bytes))).toBeLessThanOrEqual(LIMITS.batchBytes - 1024);
    expect(sent.flatMap((b) => b.events.map((e) => e.seq))).toEqual([...Array(1003).keys()]);
  });

  it('reports drops with the last batch of a flush, right before the sequence numbers they took', () => {
    const { batcher, sent } = setup({ capacity: 150 });
    for (let i = 0; i < 160; i++) batcher.push(ev(i));
    batcher.connect();
    expect(sent.map((b) => [b.first, b.events.length, b.events.at(-1)?.seq, b.dropped])).toEqual([[0, 100, 99, 0], [100, 50, 149, 10]]);
    batcher.push(ev(160));
    batcher.flush();
    expect(sent.at(-1)?.events[0].seq).toBe(160);
  });

  it('flushes when the page hides, so the last events of a page are not lost on navigation', () => {
    let hide = () => {};
    const { batcher, sent } = setup({ onHide: (flush) => (hide = flush) });
    batcher.connect();
    batcher.push(ev(1));
    expect(sent).toHaveLength(0);
    hide();
    expect(sent).toHaveLength(1);
  });

  it('drops beyond capacity, counts the drops, and leaves a gap in the sequence where they were', () => {
    const { batcher, sent } = setup({ capacity: 3 });
    for (let i = 0; i < 5; i++) batcher.push(ev(i));
    batcher.connect();
    expect(sent).toEqual([{ events: expect.any(Array), first: 0, dropped: 2, bytes: expect.any(Number) }]);
    batcher.push(ev(5));
    batcher.flush();
    expect(sent.flatMap((b) => b.events.map((e) => e.seq))).toEqual([0, 1, 2, 5]);
    expect(sent.at(-1)?.first).toBe(5);
  });

  it('names where drops alone begin when nothing else is queued', () => {
    const { batcher, sent } = setup({ capacity: 0 });
    batcher.connect();
    batcher.push(ev(0));
    batcher.push(ev(1));
    batcher.flush();
    expect(sent).toEqual([{ events: [], first: 0, dropped: 2, bytes: 0 }]);
  });

  it("sends a busy page's events as one message per timer period, never a batch the bridge would refuse", () => {
    // Four axios steps for each of 1,000 requests, as a tight request loop writes them within one period.
    const { batcher, sent, fireTimers } = setup({ ...PAGE_BATCHING });
    batcher.connect();
    for (let i = 0; i < 4000; i++) batcher.push(ev(i));
    expect(sent).toHaveLength(0);
    fireTimers();
    expect(sent.map((b) => b.events.length)).toEqual([4000]);
    expect(PAGE_BATCHING.maxEvents).toBeLessThanOrEqual(LIMITS.eventsPerBatch);
    expect(PAGE_BATCHING.maxBytes).toBeLessThanOrEqual(LIMITS.batchBytes / 4);
  });
});

describe('Batcher, writing in runs', () => {
  const step = (id: string, step: 'enter' | 'settle', t: number) => ({ type: 'axios-step' as const, t: ORIGIN + t, id, instanceId: 'axi1', step, method: undefined, url: undefined, attempt: undefined, replayOf: undefined, token: undefined, headers: undefined, status: undefined, outcome: undefined, errorCode: undefined });

  it('encodes nothing until writeEvery events wait, so a full batch is sent only then', () => {
    const { batcher, sent } = setupWith({ writeEvery: 4, maxEvents: 2 });
    batcher.connect();
    for (let i = 0; i < 3; i++) batcher.push(ev(i));
    expect(sent).toHaveLength(0);
    batcher.push(ev(3));
    expect(sent.map((b) => b.events.map((e) => e.seq))).toEqual([[0, 1], [2, 3]]);
  });

  it("keeps a copy of each axios step: the page script rewrites its one step object for the next step", () => {
    const { batcher, sent } = setupWith({ writeEvery: 10 });
    batcher.connect();
    const scratch = step('axr1', 'enter', 1) as Record<string, unknown>;
    batcher.push(scratch as never);
    Object.assign(scratch, step('axr1', 'settle', 2), { status: 200, outcome: 'response' });
    batcher.push(scratch as never);
    Object.assign(scratch, step('axr2', 'enter', 3), { method: 'get', url: 'https://api.test/x', attempt: 1 });
    batcher.push(scratch as never);
    Object.assign(scratch, { id: 'changed after the push' });
    batcher.flush();
    expect(sent[0].events.map((e) => [e.seq, (e as { id: string }).id, (e as { step: string }).step, e.t - ORIGIN])).toEqual([
      [0, 'axr1', 'enter', 1],
      [1, 'axr1', 'settle', 2],
      [2, 'axr2', 'enter', 3],
    ]);
    expect(sent[0].events[1]).toMatchObject({ status: 200, outcome: 'response' });
    expect(sent[0].events[2]).toMatchObject({ method: 'get', url: 'https://api.test/x', attempt: 1 });
    // The slots' kept objects are reused by the next run, which is written as it was pushed too.
    Object.assign(scratch, step('axr3', 'enter', 4));
    batcher.push(scratch as never);
    batcher.flush();
    expect(sent[1].events.map((e) => [e.seq, (e as { id: string }).id])).toEqual([[3, 'axr3']]);
  });

  it('hands out the object a step will be kept in, so that it is kept uncopied, and each slot gets its own', () => {
    const { batcher, sent } = setupWith({ writeEvery: 10 });
    batcher.connect();
    const first = batcher.nextStep();
    // Asked again before the push: the same slot, the same object.
    expect(batcher.nextStep()).toBe(first);
    Object.assign(first, step('axr1', 'enter', 1), { method: 'get', url: 'https://api.test/a', attempt: 1 });
    batcher.push(first);
    const second = batcher.nextStep();
    expect(second).not.toBe(first);
    Object.assign(second, step('axr1', 'settle', 2), { status: 401, outcome: 'error' });
    batcher.push(second);
    batcher.flush();
    expect(sent[0].events).toEqual([
      { ...step('axr1', 'enter', 1), method: 'get', url: 'https://api.test/a', attempt: 1, seq: 0 },
      { ...step('axr1', 'settle', 2), status: 401, outcome: 'error', seq: 1 },
    ].map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined))));
    // The next run starts again at the first slot, with its object.
    expect(batcher.nextStep()).toBe(first);
  });

  it('keeps a handed-out step whole when another event takes its slot first, or when it is dropped', () => {
    const { batcher, sent } = setupWith({ writeEvery: 10, capacity: 3 });
    const object = batcher.nextStep();
    Object.assign(object, step('axr1', 'enter', 1));
    // Another event is pushed while the step is being written: it takes the slot, the step the next.
    batcher.push(ev(9));
    batcher.push(object);
    const next = batcher.nextStep();
    Object.assign(next, step('axr2', 'enter', 3));
    batcher.push(next);
    // Full: this one is dropped and counted, and what was kept stays as it was.
    const dropped = batcher.nextStep();
    Object.assign(dropped, step('axr3', 'enter', 4));
    batcher.push(dropped);
    batcher.connect();
    expect(sent.map((b) => [b.events.map((e) => [e.seq, (e as { id: string }).id]), b.dropped])).toEqual([
      [
        [
          [0, 'r9'],
          [1, 'axr1'],
          [2, 'axr2'],
        ],
        1,
      ],
    ]);
  });

  it('counts an unwritten event as held: drops begin at capacity, right after the held ones', () => {
    const { batcher, sent } = setupWith({ writeEvery: 4, capacity: 5 });
    for (let i = 0; i < 8; i++) batcher.push(ev(i));
    expect(batcher.pending).toBe(5);
    batcher.connect();
    expect(sent.map((b) => [b.events.map((e) => e.seq), b.dropped])).toEqual([[[0, 1, 2, 3, 4], 3]]);
  });
});

describe('Batcher, steps recorded without an event object (repeatStep)', () => {
  type Step = Extract<PageEvent, { type: 'axios-step' }>;
  const INDEX = { enter: 0, dispatch: 1, 'transport-end': 2, settle: 3 } as const;
  const token = { fp: '75e6b4e1584a', kind: 'jwt' as const, exp: 4102444800 };
  const headers = { accept: 'application/json', authorization: token };
  /** A call's four steps, as the page script reports them. */
  const call = (n: number, t: number, status = 200): Array<Omit<Step, 'seq'>> => {
    const ids = { type: 'axios-step' as const, id: `axr${n}`, instanceId: 'axi1' };
    return [
      { ...ids, t: ORIGIN + t, step: 'enter', method: 'get', url: 'https://api.test/items', attempt: 1 },
      { ...ids, t: ORIGIN + t + 0.01, step: 'dispatch', token, headers },
      { ...ids, t: ORIGIN + t + 0.02, step: 'transport-end', status, outcome: 'response' },
      { ...ids, t: ORIGIN + t + 0.03, step: 'settle', status, outcome: 'response' },
    ];
  };
  /** As the tracker records a step: packed when the batcher can, else pushed as an event. */
  const record = (batcher: Batcher, e: Omit<Step, 'seq'>): boolean => {
    const n = Number(e.id.slice(3));
    const fields =
      e.step === 'enter' ? [e.method, e.url, e.attempt, e.replayOf] : e.step === 'dispatch' ? [e.token, e.headers, e.method, e.url] : [e.status, e.outcome, e.errorCode, undefined];
    if (batcher.repeatStep(INDEX[e.step], e.t, e.id, n, e.instanceId, fields[0], fields[1], fields[2], fields[3])) return true;
    batcher.push(e);
    return false;
  };

  it('records a loop of like calls packed, and the background reads the very steps the page reported', () => {
    const { batcher, sent } = setupWith({ ...PAGE_BATCHING });
    batcher.connect();
    const steps = Array.from({ length: 50 }, (_, i) => call(i + 1, i)).flat();
    const packed = steps.map((e) => record(batcher, e));
    batcher.flush();
    expect(sent.flatMap((b) => b.events)).toEqual(steps.map((e, seq) => ({ ...e, seq })));
    // The first call's steps are written in full but its settle (like its adapter's end); from the second call on, every step packs.
    expect(packed.slice(0, 4)).toEqual([false, false, false, true]);
    expect(packed.slice(4).every(Boolean)).toBe(true);
  });

  it('builds the runs of each batch in the codes array the last batch grew, with none of its steps', () => {
    const { batcher, sent } = setupWith({ ...PAGE_BATCHING });
    batcher.connect();
    // A run of some two thousand packed steps, then a batch of a few.
    const long = Array.from({ length: 600 }, (_, i) => call(i + 1, i)).flat();
    for (const e of long) record(batcher, e);
    batcher.flush();
    const short = Array.from({ length: 3 }, (_, i) => call(i + 601, 600 + i)).flat();
    expect(short.map((e) => record(batcher, e)).filter(Boolean)).toHaveLength(9);
    batcher.flush();
    expect(sent.map((b) => b.events.length)).toEqual([2400, 12]);
    expect(sent.flatMap((b) => b.events)).toEqual([...long, ...short].map((e, seq) => ({ ...e, seq })));
  });

  it('writes what was pushed before a packed step before it, numbered in order', () => {
    const { batcher, sent } = setupWith({ writeEvery: 4 });
    batcher.connect();
    for (const e of call(1, 0)) record(batcher, e);
    // Held unwritten (writeEvery 4) when the next step packs.
    batcher.push(ev(7));
    const next = call(2, 1);
    expect(record(batcher, next[0])).toBe(true);
    batcher.flush();
    expect(sent.flatMap((b) => b.events.map((e) => [e.seq, e.type === 'axios-step' ? e.step : e.type]))).toEqual([
      [0, 'enter'], [1, 'dispatch'], [2, 'transport-end'], [3, 'settle'], [4, 'request-end'], [5, 'enter'],
    ]);
  });

  it('packs nothing that differs from the last step of its kind, and nothing in a new batch before a step of its own', () => {
    const { batcher, sent } = setupWith({ ...PAGE_BATCHING });
    batcher.connect();
    for (const e of call(1, 0)) record(batcher, e);
    // Another status: its adapter's end and settle go as events.
    expect(call(2, 1, 401).map((e) => record(batcher, e))).toEqual([true, true, false, true]);
    batcher.flush();
    // The batch after a flush starts afresh: its first call is written in full, as the first one was.
    expect(call(3, 2).map((e) => record(batcher, e))).toEqual([false, false, false, true]);
    batcher.flush();
    expect(sent.flatMap((b) => b.events)).toEqual([...call(1, 0), ...call(2, 1, 401), ...call(3, 2)].map((e, seq) => ({ ...e, seq })));
  });

  it('records nothing when the batcher is full: the step is pushed, dropped and counted', () => {
    const { batcher, sent } = setupWith({ writeEvery: 1, capacity: 6 });
    const steps = [...call(1, 0), ...call(2, 1)];
    expect(steps.map((e) => record(batcher, e))).toEqual([false, false, false, true, true, true, false, false]);
    batcher.connect();
    expect(sent.map((b) => [b.events.map((e) => e.seq), b.dropped])).toEqual([[[0, 1, 2, 3, 4, 5], 2]]);
  });
});
