/**
 * The axios instances found so far, keyed by what axios itself uses: the
 * context object (`this` inside Axios.prototype.request) and its
 * `{ request, response }` interceptor pair (the one thing an instance
 * function and its hidden context share, which the opt-in hook needs).
 * Each axios copy (one bundled 1.x, one 0.27 from a <script>, ...) is keyed
 * by its Axios.prototype; its default export gives the version.
 */
import type { InjectContext } from '../context';
import { clip } from '../request-headers';
import { own, ownString } from './passive';
import type { InterceptorPair } from './shapes';
import { OwnWeakMap } from '../../protocol/intrinsics';

export interface Copy {
  /** The copy's default export (`axios`), seen when axios runs `axios.Axios = Axios`. */
  root?: Function;
  /** axios 0.x (or a version we cannot tell: only 0.x before 0.22 has no VERSION): see Call.legacy. */
  readonly legacy: boolean;
  /**
   * axios before 0.21.2: its `request` reads no runWhen (so no probe) and has
   * no synchronous mode. Those versions have no VERSION either: learned from
   * the source of `request` when the copy is instrumented (instrument.ts).
   */
  early: boolean;
}

/** A copy whose VERSION is read once, when first needed (axios sets it after building its default instance). */
function newCopy(): Copy {
  let known: boolean | undefined;
  return {
    get legacy() {
      if (known !== undefined) return known;
      const version = ownString(this.root, 'VERSION');
      if (version === undefined) return true;
      return (known = version.startsWith('0.'));
    },
    early: false,
  };
}

export interface Instance {
  id: string;
  t: number;
  copy: Copy;
  pair: InterceptorPair;
  label?: string;
  /** The last `via` we announced; a hook registration re-announces with its label. */
  announced?: 'auto' | 'hook';
}

export { newCopy };

export class Registry {
  private readonly byContext = new OwnWeakMap<object, Instance>();
  private readonly byPair = new OwnWeakMap<object, Instance>();
  private readonly copies = new OwnWeakMap<object, Copy>();

  constructor(
    private readonly ctx: InjectContext,
    private readonly defer: (fn: () => void) => void,
  ) {}

  /** The copy whose Axios.prototype is `requestOwner`; `created` tells the caller to instrument it. */
  copyFor(requestOwner: object): { copy: Copy; created: boolean } {
    const known = this.copies.get(requestOwner);
    if (known) return { copy: known, created: false };
    const copy = newCopy();
    this.copies.set(requestOwner, copy);
    return { copy, created: true };
  }

  /** Records an instance once. Announced after the current task so axios has set VERSION by then. */
  add(context: object | undefined, pair: InterceptorPair, copy: Copy): Instance {
    const known = (context && this.byContext.get(context)) ?? this.byPair.get(pair);
    if (known) {
      if (context) this.byContext.set(context, known);
      return known;
    }
    const instance: Instance = { id: this.ctx.newId('axi'), t: this.ctx.now(), copy, pair };
    if (context) this.byContext.set(context, instance);
    this.byPair.set(pair, instance);
    this.defer(() => this.ctx.guard(() => this.announce(instance, 'auto')));
    return instance;
  }

  /** The last context asked for and its instance: an app sends most requests through one instance, and a WeakMap lookup is a hash probe. */
  private lastContext: object | undefined;
  private lastInstance: Instance | undefined;

  ofContext(context: object): Instance | undefined {
    if (context === this.lastContext) return this.lastInstance;
    const instance = this.byContext.get(context);
    if (instance !== undefined) {
      this.lastContext = context;
      this.lastInstance = instance;
    }
    return instance;
  }

  ofPair(pair: unknown): Instance | undefined {
    return typeof pair === 'object' && pair !== null ? this.byPair.get(pair) : undefined;
  }

  /** Emits `axios-instance` unless this exact announcement was already made. */
  announce(instance: Instance, via: 'auto' | 'hook', label?: string): void {
    if (via === 'auto' && instance.announced) return;
    if (via === 'hook' && instance.announced === 'hook' && (label === undefined || label === instance.label)) return;
    if (label !== undefined) instance.label = clip(label);
    else if (instance.label === undefined && own(instance.copy.root, 'interceptors') === instance.pair) instance.label = 'default';
    instance.announced = via;
    const version = ownString(instance.copy.root, 'VERSION');
    this.ctx.emit({
      type: 'axios-instance',
      t: via === 'auto' ? instance.t : this.ctx.now(),
      instanceId: instance.id,
      via,
      ...(version !== undefined ? { version: clip(version) } : {}),
      ...(instance.label !== undefined ? { label: instance.label } : {}),
    });
  }
}
