import { describe, expect, it } from 'vitest';
import { pageBatch } from './test-helpers';
import type { PageEvent } from '../protocol';
import { Outbox } from './outbox';

const events = (from: number, n: number): PageEvent[] =>
  Array.from({ length: n }, (_, i) => ({ type: 'request-end', seq: from + i, t: 0, id: `r${from + i}`, status: 200 }));

describe('Outbox', () => {
  it('numbers batches, keeps them until acknowledged, and gives them back in order', () => {
    const box = new Outbox('L', { maxEvents: 100, maxBytes: 1e6 });
    box.addEvents(pageBatch('s', events(0, 2), 10));
    box.addEvents(pageBatch('s', events(2, 2), 10));
    box.addEvents(pageBatch('s', events(4, 2), 10));
    expect(box.unacked.map((e) => [e.link, e.batch])).toEqual([['L', 1], ['L', 2], ['L', 3]]);
    box.ack(2);
    expect(box.unacked.map((e) => e.batch)).toEqual([3]);
    box.ack(1);
    expect(box.unacked.map((e) => e.batch)).toEqual([3]);
  });

  it('when full, drops new events as one loss marker per run and frees room on acknowledgement', () => {
    const box = new Outbox('L', { maxEvents: 4, maxBytes: 1e6 });
    expect(box.addEvents(pageBatch('s', events(0, 3), 1))).toBeDefined();
    expect(box.addEvents(pageBatch('s', events(3, 2), 1))).toBeUndefined();
    expect(box.addEvents(pageBatch('s', events(5, 2), 1))).toBeUndefined();
    box.ack(1);
    const next = box.addEvents(pageBatch('s', events(7, 1), 1))!;
    expect(next.losses).toEqual([{ session: 's', from: 3, to: 6, count: 4, reason: 'overflow' }]);
  });

  it('counts bytes as well as events', () => {
    const box = new Outbox('L', { maxEvents: 100, maxBytes: 100 });
    expect(box.addEvents(pageBatch('s', events(0, 1), 60))).toBeDefined();
    expect(box.addEvents(pageBatch('s', events(1, 1), 60))).toBeUndefined();
  });

  it('sends loss markers and reject counts once, with the next batch or on their own', () => {
    const box = new Outbox('L', { maxEvents: 100, maxBytes: 1e6 });
    expect(box.takeExtras('s')).toBeUndefined();
    box.countReject('forged');
    box.countReject('forged');
    box.addLoss({ session: 's', from: 1, to: 1, count: 1, reason: 'rate' });
    const extras = box.takeExtras('s')!;
    expect(extras).toMatchObject({ count: 0, rejects: { forged: 2 }, losses: [{ from: 1, reason: 'rate' }], batch: 1 });
    expect(box.addEvents(pageBatch('s', events(2, 1), 1))).not.toHaveProperty('rejects');
  });
});
