/**
 * The page script: runs in the page's MAIN world at document_start, before
 * any page script, and records what the page's HTTP clients do. It never
 * changes what the page sees; every hook runs our code under ctx.guard.
 */
// Strict code, as every module here was written and unit-tested as: the
// content-script build is a classic script, sloppy unless told. A sloppy
// wrapper hands the function it wraps the window for an undefined or null
// receiver and boxes a primitive one, so axios called on no object failed
// differently with us (e2e invisible, "reflective face"); and its calls
// cost more (mapped `arguments`, receiver conversion): the zero-latency
// loop's added CPU went from +2.4 to +2.1 µs a request (compare-builds.ts,
// 101 rounds).
'use strict';
import { TokenIdentity } from '../tokens';
import { Batcher, PAGE_BATCHING } from './batcher';
import { createInjectContext } from './context';
import { installFetchHook } from './fetch-hook';
import { openPageChannel } from './page-channel';
import { claimAxiosId, installAxiosHooks, liveCopyIn } from './axios';
import { installTokenStoreHooks } from './token-store';
import { installXhrHook } from './xhr-hook';

function start(): void {
  // Captured now: the page may replace these later.
  const timeOrigin = performance.timeOrigin;
  const perfNow = performance.now.bind(performance);
  const setTimer = setTimeout.bind(window);
  const clearTimer = clearTimeout.bind(window);
  const random = crypto.getRandomValues.bind(crypto);

  const session = Array.from(random(new Uint32Array(2)), (n) => n.toString(36)).join('');
  const identity = new TokenIdentity();

  const channel = openPageChannel(
    session,
    (salt) => {
      identity.setSalt(salt);
      batcher.connect();
    },
    (watched) => batcher.watch(watched),
  );
  const batcher = new Batcher({
    ...PAGE_BATCHING,
    origin: timeOrigin,
    send: (body, first, count, dropped) => channel.sendBatch(body, first, count, dropped),
    setTimer: (fn, ms) => setTimer(fn, ms),
    clearTimer: (handle) => clearTimer(handle as number),
  });

  const ctx = createInjectContext({
    emit: (event) => batcher.push(event),
    stepEvent: () => batcher.nextStep(),
    repeatStep: (index, t, id, n, instanceId, a, b, c, d) => batcher.repeatStep(index, t, id, n, instanceId, a, b, c, d),
    now: () => timeOrigin + perfNow(),
    tokenRef: (raw) => identity.ref(raw),
  });

  ctx.emit({ type: 'page-start', t: ctx.now(), url: location.href, readyState: document.readyState });
  installAxiosHooks(ctx);
  installTokenStoreHooks(ctx);
  installFetchHook(ctx, claimAxiosId);
  installXhrHook(ctx, claimAxiosId);
}

try {
  // Injected twice into one document (the manifest's content script and an
  // injection into open tabs): the live first copy keeps its hooks. After an
  // extension reload the first copy is retired ("bye") and this one installs.
  if (!liveCopyIn(window)) start();
} catch {
  // Nothing of ours may reach the page, not even a failure to start.
}
