import type { Headers, TokenRef } from '../../protocol';
import type { TraceRequest, TraceResult } from '../../trace/types';
import { formatMs, pathOnly } from './format';

interface Props {
  request: TraceRequest;
  result: TraceResult;
  headers: Headers | undefined;
  origin: number;
  onSelect(id: string): void;
  onClose(): void;
}

/** How long before or after a moment a token expires, in words. */
function expiry(token: TokenRef, at: number): string {
  if (token.exp === undefined) return 'no exp claim';
  const left = token.exp * 1000 - at;
  return left >= 0 ? `expires ${formatMs(left)} after sending` : `expired ${formatMs(-left)} before sending`;
}

function TokenLine({ token, at }: { token: TokenRef; at: number }) {
  return (
    <span class="token" data-testid="token">
      <code>{token.fp}</code> {token.kind === 'jwt' ? 'JWT' : 'opaque'}
      {token.sub ? ` · sub ${token.sub}` : ''} · {expiry(token, at)}
    </span>
  );
}

/** Everything known about one request: role, links, the chain's timings, token, headers, token writes around it. */
export function Details({ request: r, result, headers, origin, onSelect, onClose }: Props) {
  const at = r.sent ?? r.start;
  const rel = (t: number | undefined) => (t === undefined ? '—' : formatMs(t - origin));
  const replays = result.requests.filter((x) => x.replayOf === r.id);
  const from = r.start - 1000;
  const to = (r.end ?? result.recordingEnd ?? r.start) + 1000;
  const writes = result.tokens
    .flatMap((g) => g.writes.map((w) => ({ ...w, fp: g.fp })))
    .filter((w) => w.t >= from && w.t <= to)
    .sort((a, b) => a.t - b.t);
  const diagnostics = result.diagnostics.filter((d) => d.requests.includes(r.id));
  const link = (id: string) => {
    const target = result.requests.find((x) => x.id === id);
    return (
      <button class="link" title={id} onClick={() => onSelect(id)}>
        {target ? `${target.method} ${pathOnly(target.url)}` : id}
      </button>
    );
  };

  return (
    <aside class="details" data-testid="details" aria-label="Request details">
      <header>
        <strong title={r.url}>
          {r.method} {r.url}
        </strong>
        <button class="close" title="Close" aria-label="Close details" onClick={onClose}>
          ×
        </button>
      </header>
      <dl>
        <dt>Role</dt>
        <dd data-testid="details-role" class={`role role-${r.role}`}>
          {r.role}
          {r.pending ? ' (pending)' : ''}
          {r.stranded ? ' (stranded: never settled)' : ''}
        </dd>
        {r.replayOf && (<><dt>Replay of</dt><dd>{link(r.replayOf)} (attempt {r.attempt ?? '?'})</dd></>)}
        {replays.length > 0 && (<><dt>Replayed as</dt><dd>{replays.map((x) => link(x.id))}</dd></>)}
        {r.episode && (<><dt>Episode</dt><dd>{r.episode}</dd></>)}
        <dt>Status</dt>
        <dd>{r.status === undefined ? 'pending' : r.status === 0 ? r.error ?? 'no response' : r.status}{r.outcome ? ` · caller got ${r.outcome === 'response' ? 'a response' : 'an error'}` : ''}</dd>
        <dt>Transport</dt>
        <dd>{r.transport ?? 'not sent'}{r.instanceId ? ` · axios instance ${r.instanceId}` : r.axiosId ? '' : ' · not through axios'}</dd>
      </dl>
      <h3>Timing</h3>
      <dl class="timing">
        <dt>Entered axios</dt><dd>{r.axiosId ? rel(r.start) : '—'}</dd>
        <dt>Sent</dt><dd>{rel(r.sent)}{r.sent !== undefined && r.sent - r.start > 2 ? ` (queued ${formatMs(r.sent - r.start)})` : ''}</dd>
        <dt>Response</dt><dd>{rel(r.responded)}{r.responded !== undefined && r.sent !== undefined ? ` (${formatMs(r.responded - r.sent)} on the wire)` : ''}</dd>
        <dt>Settled</dt><dd>{rel(r.end)}</dd>
      </dl>
      <h3>Token</h3>
      <p>{r.token ? <TokenLine token={r.token} at={at} /> : 'No bearer token.'}</p>
      {headers && Object.keys(headers).length > 0 && (
        <>
          <h3>Request headers</h3>
          <dl class="headers">
            {Object.entries(headers).map(([name, value]) => (
              <>
                <dt>{name}</dt>
                <dd>{typeof value === 'string' ? value : <TokenLine token={value} at={at} />}</dd>
              </>
            ))}
          </dl>
        </>
      )}
      <h3>Token writes around it</h3>
      {writes.length === 0 ? (
        <p class="dim">None within a second of this request.</p>
      ) : (
        <ul class="writes">
          {writes.map((w, i) => (
            <li key={i}>
              {rel(w.t)} · {w.op === 'set' ? 'wrote' : 'removed'} {w.store} <code>{w.key}</code> = <code>{w.fp}</code>
            </li>
          ))}
        </ul>
      )}
      {diagnostics.length > 0 && (
        <>
          <h3>Diagnostics</h3>
          <ul>{diagnostics.map((d, i) => <li key={i} class={d.severity}>{d.rule}: {d.message}</li>)}</ul>
        </>
      )}
    </aside>
  );
}
