/**
 * Status, outcome and error code of what axios resolved or rejected with:
 * `status`, `response.status` and `code`, the properties axios sets on its
 * responses and errors and that every response interceptor reads.
 */
import type { AxiosStepEvent } from '../../protocol';
import { clip } from '../request-headers';

type Bag = Record<string, unknown> | undefined;

/** Writes them into `event`. */
export function writeOutcome(event: AxiosStepEvent, value: unknown, failed: boolean): void {
  const bag = (typeof value === 'object' && value !== null ? value : undefined) as Bag;
  if (!failed) {
    event.outcome = 'response';
    const status = bag?.status;
    if (typeof status === 'number') event.status = status;
    return;
  }
  event.outcome = 'error';
  const response = bag?.response as Bag;
  const status = typeof response === 'object' && response !== null ? response.status : undefined;
  if (typeof status === 'number') event.status = status;
  const code = bag?.code;
  if (typeof code === 'string') event.errorCode = clip(code);
}
