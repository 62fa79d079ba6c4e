import type { TabEvent } from '../../protocol';

/**
 * A piece of the model that folds events into its own state. Each handler
 * accepts events in any order: the facts it keeps do not depend on arrival
 * order, only on the set of events.
 */
export interface TraceHandler {
  reset(): void;
  handleEvent(event: TabEvent): void;
}
