/** What a request's statuses mean for the analysis. */
import type { ResolvedOptions } from '../options';
import type { RequestRecord } from '../record';

export function isAuthFailure(r: RequestRecord, o: ResolvedOptions): boolean {
  return r.status !== undefined && o.authFailureStatuses.has(r.status);
}

export const isOkStatus = (s: number | undefined): boolean => s !== undefined && s >= 200 && s < 400;

/** A refresh call that came back with a usable answer. */
export function refreshSucceeded(r: RequestRecord): boolean {
  return r.responded !== undefined && isOkStatus(r.status) && r.error === undefined;
}

export function refreshFailed(r: RequestRecord): boolean {
  return r.responded !== undefined && !refreshSucceeded(r);
}

/**
 * The caller got past the token problem: a final answer that is not an auth
 * failure (a 500 is the server's problem, not the token's). A rejection with
 * no status, such as a queue rejected when its refresh failed, is not.
 */
export function settledPastAuth(status: number | undefined, o: ResolvedOptions): boolean {
  return status !== undefined && status !== 0 && !o.authFailureStatuses.has(status);
}
