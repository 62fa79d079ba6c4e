/** The part of a runtime port the background uses, typed by direction. */
export interface TypedPort<In, Out> {
  readonly name: string;
  readonly sender?: { tab?: { id?: number }; frameId?: number; url?: string };
  postMessage(message: Out): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: In) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}
