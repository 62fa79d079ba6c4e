/** How rules name requests and times in their messages. */
import type { RequestRecord } from '../record';

/** `GET /api/orders (a12)`: method, path and the id within its page session. */
export function describe(r: RequestRecord): string {
  return `${r.method} ${pathOf(r.url)} (${localId(r.id)})`;
}

export function describeAll(rs: readonly RequestRecord[]): string {
  const names = rs.map(describe);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function localId(id: string): string {
  const i = id.lastIndexOf(':');
  return i < 0 ? id : id.slice(i + 1);
}

export function pathOf(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(.*)$/i.exec(url);
  const path = m ? m[1] : url;
  return path === '' ? '/' : path;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const oneDecimal = (x: number) => x.toFixed(1).replace(/\.0$/, '');

/** A span of time in the unit a reader takes in at once: a token that expired years ago reads "3.2 years", not "1666662 min". */
export function duration(msValue: number): string {
  const abs = Math.abs(msValue);
  if (abs < 1000) return `${Math.round(abs)} ms`;
  if (abs < 120_000) return `${oneDecimal(abs / 1000)} s`;
  if (abs < 2 * HOUR) return `${Math.round(abs / 60_000)} min`;
  if (abs < 2 * DAY) return `${oneDecimal(abs / HOUR)} h`;
  if (abs < 730 * DAY) return `${Math.round(abs / DAY)} days`;
  return `${oneDecimal(abs / (365.25 * DAY))} years`;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
