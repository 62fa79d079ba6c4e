import type { TabEvent, TokenRef, Transport } from '../../protocol';

export interface RequestRow {
  kind: 'request';
  key: string;
  session: string;
  id: string;
  transport: Transport;
  method: string;
  url: string;
  start: number;
  end?: number;
  /** 0 with `error` when no response arrived. */
  status?: number;
  error?: string;
  token?: TokenRef;
  axiosId?: string;
}

export interface NavigationRow {
  kind: 'navigation';
  key: string;
  session: string;
  url: string;
  start: number;
}

export type Row = RequestRow | NavigationRow;

/**
 * The list the panel shows: one row per request (its start and end merged)
 * and one per page load. Rows are kept in arrival order, which is send order
 * within a page session.
 */
export class RequestRows {
  rows: Row[] = [];
  private byKey = new Map<string, RequestRow>();
  /** An end that arrived before its start (possible after a reconnect) waits here. */
  private earlyEnds = new Map<string, TabEvent & { type: 'request-end' }>();

  add(event: TabEvent, preserveLog: boolean): void {
    if (event.type === 'page-start') {
      if (!preserveLog) this.clear();
      this.rows.push({ kind: 'navigation', key: `${event.session}:nav`, session: event.session, url: event.url, start: event.t });
    } else if (event.type === 'request-start') {
      const key = `${event.session}:${event.id}`;
      const row: RequestRow = {
        kind: 'request', key, session: event.session, id: event.id, transport: event.transport,
        method: event.method, url: event.url, start: event.t, token: event.token, axiosId: event.axiosId,
      };
      this.rows.push(row);
      this.byKey.set(key, row);
      const end = this.earlyEnds.get(key);
      if (end) {
        this.earlyEnds.delete(key);
        this.settle(row, end);
      }
    } else if (event.type === 'request-end') {
      const key = `${event.session}:${event.id}`;
      const row = this.byKey.get(key);
      if (row) this.settle(row, event);
      else this.earlyEnds.set(key, event);
    }
  }

  clear(): void {
    this.rows = [];
    this.byKey.clear();
    this.earlyEnds.clear();
  }

  get requestCount(): number {
    return this.byKey.size;
  }

  private settle(row: RequestRow, end: TabEvent & { type: 'request-end' }): void {
    row.end = end.t;
    row.status = end.status;
    if (end.error) row.error = end.error;
  }
}
