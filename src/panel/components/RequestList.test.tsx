// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, expect, it } from 'vitest';
import type { TraceRequest } from '../../trace/types';
import { ms } from '../../trace/units';
import { RequestList } from './RequestList';

const base = { session: 's1', method: 'GET', role: 'normal', start: ms(10), pending: false, stranded: false } as const;
const requests: TraceRequest[] = [
  { ...base, id: 's1:axr8', url: 'http://app.test/api/profile', transport: 'xhr', role: 'expired', status: 401, end: ms(40) },
  { ...base, id: 's1:axr20', url: 'http://app.test/api/profile', transport: 'fetch', role: 'replay', replayOf: 's1:axr8', attempt: 2, status: 200, start: ms(50), end: ms(70) },
];

afterEach(() => render(null, document.body));

it('names the column for what it shows: the replayed request, else the transport', () => {
  render(<RequestList requests={requests} sessions={[]} origin={ms(0)} onSelect={() => undefined} />, document.body);
  const head = [...document.querySelectorAll('.table-head > div')].map((d) => d.textContent);
  const column = head.indexOf('Via');
  expect(column).toBeGreaterThan(0);
  const cells = [...document.querySelectorAll('[data-testid=request-row]')].map((row) => row.children[column] as HTMLElement);
  expect(cells.map((c) => c.textContent)).toEqual(['xhr', '↻ axr8']);
  expect(cells.map((c) => c.title)).toEqual(['sent with xhr', 'replay of axr8 (attempt 2)']);
});

it('says why a request has no time: its caller never settled (stranded) or still waits (pending)', () => {
  const unsettled: TraceRequest[] = [
    ...requests,
    { ...base, id: 's1:axr9', url: 'http://app.test/api/items', role: 'expired', status: 401, responded: ms(30), stranded: true },
    { ...base, id: 's1:axr10', url: 'http://app.test/api/items', role: 'queued', pending: true },
  ];
  render(<RequestList requests={unsettled} sessions={[]} origin={ms(0)} onSelect={() => undefined} />, document.body);
  const head = [...document.querySelectorAll('.table-head > div')].map((d) => d.textContent);
  const column = head.indexOf('Time');
  const cells = [...document.querySelectorAll('[data-testid=request-row]')].map((row) => row.children[column] as HTMLElement);
  expect(cells.map((c) => c.textContent)).toEqual(['30 ms', '20 ms', '(stranded)', '(pending)']);
  expect(cells[2].className).toContain('status-error');
});
