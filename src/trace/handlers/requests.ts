/**
 * Merges axios steps and fetch/XHR events into one record per request, and
 * keeps the indexes the window analysis needs: records by start, settled
 * records by their last time, the unsettled ones, and what changed since the
 * last analysis.
 */
import type { AxiosStepEvent, RequestEndEvent, RequestStartEvent, TabEvent } from '../../protocol';
import { compareByLast, compareByResponded, compareByStart, RequestRecord } from '../record';
import { insertSorted, removeSorted } from '../sorted';
import { ms } from '../units';
import { authorizationToken } from './auth-header';
import type { TraceHandler } from './handler';

type Start = RequestStartEvent & { session: string };
type End = RequestEndEvent & { session: string };
type Step = AxiosStepEvent & { session: string };

export class RequestsHandler implements TraceHandler {
  readonly byId = new Map<string, RequestRecord>();
  /** All records, by (start, id). */
  readonly byStart: RequestRecord[] = [];
  /** Settled records, by (lastT, id). */
  readonly byLast: RequestRecord[] = [];
  /** Records with a response, by (responded, id). */
  readonly byResponded: RequestRecord[] = [];
  readonly open = new Set<RequestRecord>();
  private indexed = new Set<RequestRecord>();
  /** Records touched since `takeDirty`, with the earliest start each had. */
  private dirty = new Map<RequestRecord, number>();
  private starts = new Map<string, Start>();
  private ends = new Map<string, End>();

  reset(): void {
    this.byId.clear();
    this.byStart.length = 0;
    this.byLast.length = 0;
    this.byResponded.length = 0;
    this.open.clear();
    this.indexed.clear();
    this.dirty.clear();
    this.starts.clear();
    this.ends.clear();
  }

  handleEvent(e: TabEvent): void {
    if (e.type === 'request-start') this.onStart(e);
    else if (e.type === 'request-end') this.onEnd(e);
    else if (e.type === 'axios-step') this.onStep(e);
  }

  /** The records changed since the last call, and the earliest start among them (before and after). */
  takeDirty(): { records: RequestRecord[]; minStart: number } {
    let minStart = Infinity;
    for (const [r, before] of this.dirty) minStart = Math.min(minStart, before, r.start);
    const records = [...this.dirty.keys()];
    this.dirty.clear();
    return { records, minStart };
  }

  private onStart(e: Start): void {
    const tKey = `${e.session}:${e.id}`;
    const rec = this.record(e.axiosId !== undefined ? `${e.session}:${e.axiosId}` : tKey, e.session);
    // An axios request served by two transport calls keeps the earlier one, whatever the arrival order.
    if (rec.transportId !== undefined && rec.transportId !== e.id) {
      const current = this.starts.get(`${e.session}:${rec.transportId}`);
      if (current && current.t <= e.t) return;
    }
    this.starts.set(tKey, e);
    this.touch(rec, () => {
      rec.transportId = e.id;
      if (e.axiosId !== undefined) rec.axiosId = e.axiosId;
      rec.transport = e.transport;
      rec.transportMethod = e.method;
      rec.transportUrl = e.url;
      rec.transportStartT = ms(e.t);
      rec.transportStartSeq = e.seq;
      rec.transportToken = e.token;
      rec.headerToken = authorizationToken(e.headers);
      const length = e.headers['content-length'];
      rec.bodySize = typeof length === 'string' ? length : undefined;
      this.applyEnd(rec, this.ends.get(tKey));
    });
  }

  private onEnd(e: End): void {
    const tKey = `${e.session}:${e.id}`;
    this.ends.set(tKey, e);
    const start = this.starts.get(tKey);
    if (!start) return; // applied when its start arrives
    const rec = this.byId.get(start.axiosId !== undefined ? `${e.session}:${start.axiosId}` : tKey);
    if (rec && rec.transportId === e.id) this.touch(rec, () => this.applyEnd(rec, e));
  }

  private applyEnd(rec: RequestRecord, e: End | undefined): void {
    rec.transportEndT = e ? ms(e.t) : undefined;
    rec.httpStatus = e?.status;
    rec.transportError = e?.error;
  }

  private onStep(e: Step): void {
    const rec = this.record(`${e.session}:${e.id}`, e.session);
    this.touch(rec, () => {
      rec.axiosView = true;
      rec.axiosId = e.id;
      rec.instanceId = e.instanceId;
      if (e.method !== undefined) rec.axiosMethod = e.method;
      if (e.url !== undefined) rec.axiosUrl = e.url;
      const t = ms(e.t);
      switch (e.step) {
        case 'enter':
          rec.enterT = t;
          if (e.replayOf !== undefined && e.replayOf !== e.id) rec.explicitReplayOf = `${e.session}:${e.replayOf}`;
          if (e.attempt !== undefined) rec.attempt = e.attempt;
          break;
        case 'dispatch':
          rec.dispatchT = t;
          rec.dispatchSeq = e.seq;
          rec.dispatchToken = e.token ?? (e.headers ? authorizationToken(e.headers) : undefined);
          break;
        case 'transport-end':
          rec.adapterEndT = t;
          rec.adapterStatus = e.status;
          break;
        case 'settle':
          rec.settleT = t;
          rec.settleOutcome = e.outcome;
          rec.settleStatus = e.status;
          rec.settleError = e.errorCode;
          break;
      }
    });
  }

  private record(id: string, session: string): RequestRecord {
    let rec = this.byId.get(id);
    if (!rec) {
      rec = new RequestRecord(id, session);
      this.byId.set(id, rec);
    }
    return rec;
  }

  /** Applies a change and moves the record in the indexes its times decide. */
  private touch(rec: RequestRecord, change: () => void): void {
    const isNew = !this.indexed.has(rec);
    this.indexed.add(rec);
    const before = { start: rec.start, lastT: rec.lastT, responded: rec.responded, id: rec.id, settled: rec.settled };
    change();
    if (before.responded !== rec.responded) {
      if (before.responded !== undefined) removeSorted(this.byResponded, rec, before, compareByResponded);
      if (rec.responded !== undefined) insertSorted(this.byResponded, rec, compareByResponded);
    }
    if (isNew) insertSorted(this.byStart, rec, compareByStart);
    else if (before.start !== rec.start) {
      removeSorted(this.byStart, rec, before, compareByStart);
      insertSorted(this.byStart, rec, compareByStart);
    }
    if (before.settled && !isNew) removeSorted(this.byLast, rec, before, compareByLast);
    if (rec.settled) {
      insertSorted(this.byLast, rec, compareByLast);
      this.open.delete(rec);
    } else this.open.add(rec);
    const prior = this.dirty.get(rec);
    this.dirty.set(rec, Math.min(prior ?? Infinity, isNew ? rec.start : before.start));
  }
}

/** The bearer token among sanitised headers: Authorization first. */
