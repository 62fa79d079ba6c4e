/**
 * Status, outcome and error code of what axios resolved or rejected with:
 * `status`, `response.status` and `code`, the properties axios sets on its
 * responses and errors and that every response interceptor reads.
 */
import type { AxiosStepEvent } from '../../protocol';
import { clip } from '../request-headers';

type Bag = Record<string, unknown> | undefined;

/** The status of a response axios resolved with, if it has one. */
export function responseStatus(value: unknown): number | undefined {
  const status = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).status : undefined;
  return typeof status === 'number' ? status : undefined;
}

/** Writes them into `event`. */
export function writeOutcome(event: AxiosStepEvent, value: unknown, failed: boolean): void {
  if (!failed) {
    event.outcome = 'response';
    event.status = responseStatus(value);
    return;
  }
  const bag = (typeof value === 'object' && value !== null ? value : undefined) as Bag;
  event.outcome = 'error';
  const response = bag?.response as Bag;
  const status = typeof response === 'object' && response !== null ? response.status : undefined;
  if (typeof status === 'number') event.status = status;
  const code = bag?.code;
  if (typeof code === 'string') event.errorCode = clip(code);
}
