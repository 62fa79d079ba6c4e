import { requestName } from '../components/format';
import type { Bar } from './layout-types';

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** One line about a bar: what, how it ended, how long, and what role it played. */
export function tooltipText(bar: Bar, origin: number): string {
  const r = bar.request;
  const status = bar.open ? 'pending' : r.status === 0 ? r.error ?? 'failed' : String(r.status ?? '');
  const parts = [requestName(r.method, r.url), status, duration(bar.end - bar.start), r.role];
  if (bar.replayNumber !== undefined) parts.push(`replay #${bar.replayNumber} of #${bar.originalNumber}`);
  if (bar.waitFrom !== undefined) parts.push(`queued ${duration(bar.start - bar.waitFrom)}`);
  if (r.stranded) parts.push('never settled');
  parts.push(`at ${duration(bar.start - origin)}`);
  return parts.filter(Boolean).join(' · ');
}
