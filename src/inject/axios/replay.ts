/**
 * Replay links by object identity. A config object that axios produced for a
 * request (the merged config the interceptors see, the one handed to the
 * adapter, `response.config`, `error.config`) can only reach a later call if
 * the app passes it back, which is what every refresh-and-replay pattern does
 * (`return api(error.config)`). So a call whose config argument is one of
 * those objects is a replay of the request that produced it. The caller's
 * own config object is deliberately not recorded: apps reuse one options
 * object for unrelated calls (polling, shared defaults), and that is not a replay.
 */
export interface Lineage {
  /** The id of the first request in this chain of sends. */
  firstId: string;
  /** How many calls entered axios with a config of this chain. */
  attempts: number;
}

export class Replays {
  private readonly sent = new WeakMap<object, Lineage>();

  /** A call `id` enters axios with `config` (or none): its lineage, with this attempt counted. */
  begin(config: object | undefined, id: string): Lineage {
    const lineage = config ? this.sent.get(config) : undefined;
    if (!lineage) return { firstId: id, attempts: 1 };
    lineage.attempts++;
    return lineage;
  }

  /** Records a config axios produced for a request. The first lineage an object joins is kept. */
  mark(config: unknown, lineage: Lineage): void {
    if (typeof config === 'object' && config !== null && !this.sent.has(config)) this.sent.set(config, lineage);
  }

  /** mark, for the config axios just merged for a call: a new object, so nothing to look up first. */
  markFresh(config: object, lineage: Lineage): void {
    this.sent.set(config, lineage);
  }
}
