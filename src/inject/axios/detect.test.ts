/**
 * The assignment hook must behave as a plain assignment would. Each check runs
 * on two twin prototypes, one with the hook and one without, and compares.
 */
import { describe, expect, it } from 'vitest';
import { installAssignHook } from './detect';

const guard = <T>(fn: () => T): T | undefined => {
  try {
    return fn();
  } catch {
    return undefined;
  }
};

function twins() {
  const seen: Array<[object, unknown]> = [];
  class Hooked {}
  class Plain {}
  expect(installAssignHook(Hooked.prototype, 'probe', (r, v) => seen.push([r, v]), guard)).toBe(true);
  return { Hooked, Plain, seen };
}

/** What a script can see of an object: own keys in order, descriptors, enumeration, JSON, `in`. */
function observe(o: Record<string, unknown>) {
  const forIn: string[] = [];
  for (const k in o) forIn.push(k);
  return {
    keys: Reflect.ownKeys(o),
    descriptors: Object.getOwnPropertyDescriptors(o),
    forIn,
    json: JSON.stringify(o),
    spread: { ...o },
    probe: o.probe,
  };
}

describe('installAssignHook', () => {
  it('turns an assignment into the own data property the assignment makes, in the same key order, and reports it', () => {
    const { Hooked, Plain, seen } = twins();
    const [a, b] = [new Hooked() as Record<string, unknown>, new Plain() as Record<string, unknown>];
    for (const o of [a, b]) {
      o.first = 1;
      o.probe = { v: 1 };
      o.last = 2;
    }
    expect(observe(a)).toEqual(observe(b));
    expect(seen).toEqual([[a, a.probe]]);
    a.probe = 'again';
    expect(a.probe).toBe('again');
    expect(seen).toHaveLength(1); // now an own property: the hook is out of the way
  });

  it('reads as undefined, like the missing property, and hides from every enumeration', () => {
    const { Hooked, Plain } = twins();
    expect(observe(new Hooked() as Record<string, unknown>)).toEqual(observe(new Plain() as Record<string, unknown>));
    expect(Object.keys(Hooked.prototype)).toEqual(Object.keys(Plain.prototype));
  });

  it('ignores frozen and primitive receivers without throwing (as sloppy-mode assignment does)', () => {
    const { Hooked, seen } = twins();
    const frozen = Object.freeze(new Hooked()) as Record<string, unknown>;
    expect(() => {
      frozen.probe = 1;
    }).not.toThrow();
    expect(Object.prototype.hasOwnProperty.call(frozen, 'probe')).toBe(false);
    const setter = Object.getOwnPropertyDescriptor(Hooked.prototype, 'probe')!.set!;
    expect(() => setter.call('a string', 1)).not.toThrow();
    expect(seen).toEqual([]);
  });

  it('leaves setters and read-only properties lower in the chain in charge', () => {
    const { Hooked, seen } = twins();
    const log: unknown[] = [];
    class Sub extends Hooked {
      set probe(v: unknown) {
        log.push(v);
      }
    }
    (new Sub() as unknown as Record<string, unknown>).probe = 7;
    expect(log).toEqual([7]);
    expect(seen).toEqual([]);
  });

  it('works through a Proxy receiver, whose traps still run', () => {
    const { Hooked, seen } = twins();
    const traps: string[] = [];
    const target = new Hooked();
    const proxy = new Proxy(target, {
      defineProperty(t, k, d) {
        traps.push(`define ${String(k)}`);
        return Reflect.defineProperty(t, k, d);
      },
    }) as Record<string, unknown>;
    proxy.probe = 3;
    expect(traps).toEqual(['define probe']);
    expect(Object.getOwnPropertyDescriptor(target, 'probe')).toEqual({ value: 3, writable: true, enumerable: true, configurable: true });
    expect(seen).toEqual([[proxy, 3]]);
  });

  it('keeps a failing reporter away from the assignment', () => {
    class T {}
    installAssignHook(T.prototype, 'probe', () => {
      throw new Error('ours');
    }, guard);
    const o = new T() as Record<string, unknown>;
    expect(() => {
      o.probe = 1;
    }).not.toThrow();
    expect(o.probe).toBe(1);
  });

  it('does not take over a property someone already owns', () => {
    class T {}
    Object.defineProperty(T.prototype, 'probe', { value: 'theirs', writable: true, configurable: true });
    expect(installAssignHook(T.prototype, 'probe', () => undefined, guard)).toBe(false);
    expect((new T() as Record<string, unknown>).probe).toBe('theirs');
  });
});
