// @vitest-environment happy-dom
/**
 * The XHR hook over a stand-in XMLHttpRequest that fires its events in the
 * order the XHR standard gives (readystatechange, then load / abort /
 * timeout / error, then loadend), so each way a request can end is driven
 * by hand. Real Chromium XHRs are covered by the end-to-end tests.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recorder, type Recorder } from './axios/test-helpers';
import { installXhrHook } from './xhr-hook';

type Ending = 'load' | 'abort' | 'timeout' | 'error';

class StandInXhr extends EventTarget {
  private state = 0;
  private code = 0;
  private sending = false;
  get readyState(): number {
    return this.state;
  }
  get status(): number {
    return this.code;
  }
  // Replaced by the hook's wrapper (XMLHttpRequest.prototype is this class's), which passes the arguments on.
  open(_method: string, _url: string): void {
    // As the standard: open() during a request ends it with no event.
    this.sending = false;
    this.state = 1;
  }
  setRequestHeader(): void {
    if (this.state !== 1 || this.sending) throw new Error('InvalidStateError');
  }
  send(): void {
    if (this.state !== 1 || this.sending) throw new Error('InvalidStateError');
    this.sending = true;
  }
  abort(): void {
    if (this.sending) this.end('abort');
  }
  /** Headers in: the status is known, the body is still coming. */
  headersIn(status: number): void {
    this.state = 2;
    this.code = status;
  }
  end(ending: Ending, status = 0): void {
    this.sending = false;
    this.state = 4;
    this.code = ending === 'load' ? status : 0;
    for (const type of ['readystatechange', ending, 'loadend']) this.dispatchEvent(new Event(type));
  }
}

let rec: Recorder;
beforeAll(() => {
  globalThis.XMLHttpRequest = window.XMLHttpRequest = StandInXhr as never;
  rec = recorder();
  installXhrHook(rec.ctx, () => undefined);
});
beforeEach(() => {
  rec.events.length = 0;
});

const transport = () => rec.events.filter((e) => e.type === 'request-start' || e.type === 'request-end') as Array<Record<string, unknown>>;

function sent(url = '/api/items'): StandInXhr {
  const xhr = new StandInXhr();
  xhr.open('GET', url);
  xhr.send();
  return xhr;
}

describe('the XHR hook', () => {
  it('records a request from send to its end, with the status', () => {
    const xhr = sent();
    xhr.end('load', 204);
    const [start, end] = transport();
    expect(start).toMatchObject({ type: 'request-start', transport: 'xhr', method: 'GET', url: expect.stringMatching(/\/api\/items$/) });
    expect(end).toEqual({ type: 'request-end', t: expect.any(Number), id: start.id, status: 204 });
    expect(end.t as number).toBeGreaterThan(start.t as number);
  });

  it.each([
    ['abort', 'abort'],
    ['timeout', 'timeout'],
    ['error', 'network'],
  ] as const)('records a request that ends by %s as error %s, status 0', (ending, error) => {
    sent().end(ending);
    expect(transport()[1]).toMatchObject({ type: 'request-end', status: 0, error });
  });

  it('times the end at readyState DONE, before any load or loadend handler of the page runs (the app may refresh and replay there)', () => {
    const xhr = new StandInXhr();
    const handlerTimes: number[] = [];
    // One handler set before open() and one after, as hand-written code and axios do.
    xhr.addEventListener('load', () => handlerTimes.push(rec.ctx.now()));
    xhr.open('GET', '/api/items');
    xhr.addEventListener('loadend', () => handlerTimes.push(rec.ctx.now()));
    xhr.send();
    xhr.end('load', 200);
    const end = transport()[1];
    expect(handlerTimes).toHaveLength(2);
    expect(end.t as number).toBeLessThan(Math.min(...handlerTimes));
  });

  it('removes its listeners when a request ends, and adds them again for the next one on the same object', () => {
    const xhr = sent('/api/one');
    xhr.end('load', 200);
    xhr.open('GET', '/api/two');
    xhr.send();
    xhr.end('error');
    const events = transport();
    expect(events.map((e) => [e.type, e.status ?? e.url])).toEqual([
      ['request-start', expect.stringMatching(/one$/)],
      ['request-end', 200],
      ['request-start', expect.stringMatching(/two$/)],
      ['request-end', 0],
    ]);
    expect(events[0].id).not.toBe(events[2].id);
    expect(events[3]).toMatchObject({ id: events[2].id, error: 'network' });
  });

  it('ends a request that open() cut short (the standard fires no event for it) as aborted', () => {
    const xhr = sent('/api/slow');
    xhr.headersIn(200);
    xhr.open('GET', '/api/next');
    xhr.send();
    xhr.end('load', 200);
    const [first, cut, second, end] = transport();
    expect(cut).toMatchObject({ type: 'request-end', id: first.id, status: 200, error: 'abort' });
    expect(end).toMatchObject({ type: 'request-end', id: second.id, status: 200 });
    expect(end.error).toBeUndefined();
  });

  /** The one request-end recorded. */
  const onlyEnd = () => {
    const ends = transport().filter((e) => e.type === 'request-end');
    expect(ends).toHaveLength(1);
    return ends[0];
  };

  it('ends a done request as done when the page reopens the object from its readystatechange handler, before ours runs', () => {
    const xhr = new StandInXhr();
    xhr.open('GET', '/api/poll');
    // Registered before send(), so it runs before our listener: an old-style polling loop.
    xhr.addEventListener('readystatechange', () => xhr.readyState === 4 && xhr.open('GET', '/api/poll'), { once: true });
    xhr.send();
    xhr.end('load', 200);
    const end = onlyEnd();
    expect(end).toMatchObject({ status: 200 });
    expect(end.error).toBeUndefined();
  });

  it('ends a done request as done when a load handler reopens the object before loadend', () => {
    const xhr = sent('/api/first');
    xhr.addEventListener('load', () => xhr.open('GET', '/api/again'), { once: true });
    xhr.end('load', 201);
    const end = onlyEnd();
    expect(end).toMatchObject({ status: 201 });
    expect(end.error).toBeUndefined();
  });

  it('records nothing for a send() the browser refuses, and one end for one request', () => {
    const xhr = sent();
    expect(() => xhr.send()).toThrow('InvalidStateError');
    xhr.end('load', 200);
    xhr.end('load', 200);
    expect(transport().map((e) => e.type)).toEqual(['request-start', 'request-end']);
  });

  it('leaves an object that is opened and never sent alone', () => {
    const xhr = new StandInXhr();
    xhr.open('GET', '/api/never');
    xhr.end('load', 200);
    expect(transport()).toEqual([]);
  });

  it('keeps no invalid event', () => {
    sent().end('timeout');
    expect(rec.invalid).toEqual([]);
  });
});
