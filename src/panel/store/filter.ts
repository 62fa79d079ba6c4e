import type { Role, TraceRequest } from '../../trace/types';

export type StatusFilter = 'all' | 'ok' | 'auth' | 'error' | 'failed' | 'pending';

export interface Filter {
  text: string;
  role: Role | 'all';
  status: StatusFilter;
  instance: string;
}

export const emptyFilter = (): Filter => ({ text: '', role: 'all', status: 'all', instance: '' });

export function isFiltering(f: Filter): boolean {
  return f.text !== '' || f.role !== 'all' || f.status !== 'all' || f.instance !== '';
}

function statusMatches(r: TraceRequest, status: StatusFilter): boolean {
  switch (status) {
    case 'all':
      return true;
    case 'pending':
      return r.pending;
    case 'failed':
      return r.status === 0;
    case 'auth':
      return r.status === 401 || r.status === 403;
    case 'ok':
      return r.status !== undefined && r.status >= 200 && r.status < 400;
    case 'error':
      return r.status !== undefined && r.status >= 400;
  }
}

/** A predicate for the current filter; URL text is matched case-insensitively. */
export function compileFilter(f: Filter): (r: TraceRequest) => boolean {
  const text = f.text.trim().toLowerCase();
  return (r) =>
    (text === '' || r.url.toLowerCase().includes(text) || r.method.toLowerCase() === text) &&
    (f.role === 'all' || r.role === f.role) &&
    statusMatches(r, f.status) &&
    (f.instance === '' || r.instanceId === f.instance);
}
