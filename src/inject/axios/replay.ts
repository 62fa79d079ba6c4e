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
import { OwnWeakMap } from '../../protocol/intrinsics';

export interface Lineage {
  /** The id of the first request in this chain of sends. */
  firstId: string;
  /** How many calls entered axios with a config of this chain. */
  attempts: number;
}

/** Returns the object it is given as `this`: lets a subclass add a private field to any object. */
class AsThis {
  constructor(target: object) {
    return target;
  }
}

/**
 * A config's lineage, kept in a private field of the config object itself:
 * page code cannot see, list or reach a private field (no reflection shows
 * it, a Proxy does not trap it), and it dies with the config. A WeakMap
 * does the same, but every config of every request as a key costs the
 * page's garbage collector about a microsecond a request (an ephemeron per
 * entry, for objects that die young); a field costs nothing there.
 */
class Stamp extends AsThis {
  #lineage: Lineage;

  private constructor(target: object, lineage: Lineage) {
    super(target);
    this.#lineage = lineage;
  }

  static of(target: object): Lineage | undefined {
    return #lineage in target ? (target as Stamp).#lineage : undefined;
  }

  /** False when the engine refuses (a later engine may refuse non-extensible objects): the caller keeps it elsewhere. */
  static put(target: object, lineage: Lineage): boolean {
    try {
      new Stamp(target, lineage);
      return true;
    } catch {
      return false;
    }
  }
}

export class Replays {
  /** Configs that could not be stamped. */
  private readonly unstamped = new OwnWeakMap<object, Lineage>();

  /** Whether any config went to `unstamped`: until one does, a call's config costs no hash probe. */
  private anyUnstamped = false;

  private lineageOf(config: object): Lineage | undefined {
    return Stamp.of(config) ?? (this.anyUnstamped ? this.unstamped.get(config) : undefined);
  }

  /** A call `id` enters axios with `config` (or none): its lineage, with this attempt counted. */
  begin(config: object | undefined, id: string): Lineage {
    const lineage = config ? this.lineageOf(config) : undefined;
    if (!lineage) return { firstId: id, attempts: 1 };
    lineage.attempts++;
    return lineage;
  }

  /** Records a config axios produced for a request. The first lineage an object joins is kept. */
  mark(config: unknown, lineage: Lineage): void {
    if (typeof config === 'object' && config !== null && this.lineageOf(config) === undefined) this.markFresh(config, lineage);
  }

  /** mark, for the config axios just merged for a call: a new object, so nothing to look up first. */
  markFresh(config: object, lineage: Lineage): void {
    if (!Stamp.put(config, lineage)) {
      this.anyUnstamped = true;
      this.unstamped.set(config, lineage);
    }
  }
}
