import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, SOURCE, type PageEvent } from '../protocol';
import { PageLink } from './page-link';

/** A stand-in for the MessagePort: what the page posts arrives through onmessage. */
function fakePort() {
  const posted: unknown[] = [];
  const port = { onmessage: null as null | ((e: { data: unknown }) => void), postMessage: (m: unknown) => posted.push(m) };
  return { port, posted, send: (data: unknown) => port.onmessage?.({ data }) };
}

function setup() {
  const batches: Array<{ session: string; events: PageEvent[] }> = [];
  const rejects: Array<[string, number]> = [];
  const link = new PageLink({
    onBatch: (session, events) => batches.push({ session, events }),
    onReject: (reason, count = 1) => rejects.push([reason, count]),
  });
  return { link, batches, rejects };
}

const offer = (link: PageLink, port: unknown) => {
  let prevented = false;
  link.offer({ ports: [port], preventDefault: () => (prevented = true), stopImmediatePropagation: () => {} } as unknown as MessageEvent);
  return prevented;
};
const event = { type: 'request-end', seq: 1, t: 1, id: 'f1', status: 200 };
const batch = (extra: object = {}) => ({ source: SOURCE, v: PROTOCOL_VERSION, kind: 'batch', session: 's', events: [event], dropped: 0, ...extra });

describe('PageLink', () => {
  it('takes the first port, relays good batches and sends the salt', () => {
    const { link, batches } = setup();
    const { port, posted, send } = fakePort();
    link.welcome('salt-1');
    expect(offer(link, port)).toBe(true);
    expect(posted).toEqual([{ source: SOURCE, v: PROTOCOL_VERSION, kind: 'welcome', salt: 'salt-1' }]);
    send(batch());
    expect(batches).toEqual([{ session: 's', events: [event] }]);
  });

  it('counts a second port as forged and never listens to it', () => {
    const { link, batches, rejects } = setup();
    offer(link, fakePort().port);
    const forged = fakePort();
    expect(offer(link, forged.port)).toBe(false);
    forged.send(batch());
    expect(rejects).toEqual([['forged', 1]]);
    expect(batches).toEqual([]);
  });

  it('drops and counts malformed, wrong-version and oversized messages, and relays page-side drops', () => {
    const { link, batches, rejects } = setup();
    const { port, send } = fakePort();
    offer(link, port);
    send('garbage');
    send(batch({ v: 2 }));
    send(batch({ events: [{ ...event, status: 'x' }] }));
    send(batch({ events: Array(1001).fill(event) }));
    send(batch({ events: [{ type: 'page-start', seq: 0, t: 0, url: 'u'.repeat(8000), readyState: 'x'.repeat(8000) }], dropped: 5 }));
    send({ get source() { throw new Error('hostile getter'); } });
    expect(rejects).toEqual([['malformed', 1], ['version', 1], ['malformed', 1], ['oversized', 1], ['overflow', 5], ['malformed', 1]]);
    expect(batches).toHaveLength(1);
  });
});
