/** The part of a runtime port the background uses, typed by direction. */
export interface TypedPort<In, Out> {
  readonly name: string;
  /** Filled in by Chrome, never by the other end. */
  readonly sender?: { tab?: { id?: number }; frameId?: number; url?: string; origin?: string };
  postMessage(message: Out): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: In) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}
