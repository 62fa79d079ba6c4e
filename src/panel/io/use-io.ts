import { useEffect, useState } from 'preact/hooks';
import type { TraceIO } from './trace-io';

/** Re-renders when the import/export state changes (a message, busy). */
export function useIO(io: TraceIO): TraceIO {
  const [, setTick] = useState(0);
  useEffect(() => io.subscribe(() => setTick((n) => n + 1)), [io]);
  return io;
}
