/**
 * expired-token-sent: a request went out with a JWT whose exp had already
 * passed (on the server's clock, estimated). A reactive app does this by
 * design and recovers through the 401, so it counts only when the app shows
 * it checks exp (it held requests for a proactive refresh), or when the
 * server accepted the expired token.
 */
import { isAuthFailure } from '../analysis/status';
import { seconds, secondsToMs } from '../units';
import { describe, duration } from './describe';
import type { RequestRule } from './rule';

export const expiredTokenSent: RequestRule = {
  id: 'expired-token-sent',
  severity: 'warning',
  check(r, ctx) {
    const token = r.token;
    const sent = r.sent;
    if (r.role === 'refresh' || !token || token.kind !== 'jwt' || token.exp === undefined || sent === undefined) return [];
    const serverNow = sent - ctx.skewMs;
    const late = serverNow - secondsToMs(seconds(token.exp));
    if (late <= 0) return [];
    const refused = isAuthFailure(r, ctx.o);
    if (refused && !ctx.checksExpiry(r)) return [];
    const skew = ctx.skewMs === 0 ? '' : ` (allowing for the page clock being ${duration(ctx.skewMs)} ${ctx.skewMs > 0 ? 'ahead of' : 'behind'} the server's)`;
    return [
      {
        requests: [r.id],
        t: sent,
        message: `${describe(r)} was sent with a JWT that had expired ${duration(late)} earlier${skew}; ${refused ? `the server refused it with ${r.status}` : 'the server accepted it anyway'}.`,
        hint: refused
          ? 'The expiry check before sending missed this one: compare exp * 1000 with Date.now() plus a margin for clock skew, in the request interceptor of every axios instance that sends the token.'
          : 'The server accepted an expired token: check that it validates exp, or that the page and server clocks agree.',
      },
    ];
  },
};
