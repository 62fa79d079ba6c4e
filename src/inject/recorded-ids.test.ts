/**
 * A call's id reaches the background as a number (wire-format.ts): the
 * page script hands the batch the number of each call's id, which it must
 * not get wrong, whether the step goes in full or packed.
 */
import { beforeAll, expect, it } from 'vitest';
import { CALL_ID_PREFIX } from '../protocol';
import { decodeBatchBody } from '../protocol/wire-decode';
import { installAxiosHooks } from './axios';
import { importFreshAxios1 } from './axios/test-helpers';
import { testPageContext } from './test-page-context';

const page = testPageContext();
/** The call ids the page script made, in order. */
const made: string[] = [];
const newId = page.ctx.newId;
page.ctx.newId = (prefix) => {
  const id = newId(prefix);
  if (prefix === CALL_ID_PREFIX) made.push(id);
  return id;
};
/** Enters the batch took packed: only a call's right number lets it (the number after the last enter's). */
let packedEnters = 0;
const repeatStep = page.ctx.repeatStep!;
page.ctx.repeatStep = (index, ...rest) => {
  const packed = repeatStep(index, ...rest);
  if (packed && index === 0) packedEnters++;
  return packed;
};
beforeAll(() => installAxiosHooks(page.ctx));

it('records each call under the id it was given, with ids of other kinds taken in between', async () => {
  const axios = await importFreshAxios1();
  const api = axios.create({
    baseURL: 'https://api.test/v1',
    adapter: (config: unknown) => Promise.resolve({ data: 'ok', status: 200, statusText: 'OK', headers: {}, config, request: {} }) as never,
  });
  api.interceptors.request.use((config) => config);
  api.interceptors.response.use((response) => response);
  for (let i = 0; i < 40; i++) {
    await api.get('/items');
    // A transport's or an instance's id between two calls: the next call's number is not the last one's plus one.
    if (i % 9 === 4) page.ctx.newId('x');
  }
  page.flush();
  const events = page.bodies.flatMap((body, i) => decodeBatchBody(body, i * 100_000, page.counts[i]).events);
  const steps = events.filter((e) => e.type === 'axios-step');
  expect(steps.filter((e) => e.step === 'enter').map((e) => e.id)).toEqual(made);
  expect(new Set(steps.filter((e) => e.step === 'settle').map((e) => e.id))).toEqual(new Set(made));
  // Most enters went packed: all but the first two and those after another kind's id.
  expect(packedEnters).toBeGreaterThanOrEqual(made.length - 2 - 5);
});
