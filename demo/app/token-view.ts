// Shows the current access token as claims and a countdown; never the token.
import { decodeJwtClaims } from '../../src/reference/jwt';
import { getAccessToken } from './session';

export function showTokenState(element: HTMLElement): void {
  const render = () => {
    const token = getAccessToken();
    const claims = token ? decodeJwtClaims(token) : null;
    if (!claims || typeof claims.exp !== 'number') {
      element.textContent = 'No access token: not logged in yet.';
      element.dataset.expired = '';
      return;
    }
    const left = claims.exp * 1000 - Date.now();
    const expired = left <= 0;
    element.dataset.expired = String(expired);
    const time = (seconds: number | undefined) => (seconds === undefined ? '?' : new Date(seconds * 1000).toLocaleTimeString());
    element.textContent =
      `User ${claims.sub ?? '?'}, issued ${time(claims.iat)}, ` +
      (expired ? `expired ${(-left / 1000).toFixed(1)} s ago` : `expires in ${(left / 1000).toFixed(1)} s`) +
      ` (exp ${time(claims.exp)}).`;
  };
  render();
  setInterval(render, 200);
}
