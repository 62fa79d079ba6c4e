import { useEffect, useRef, useState } from 'preact/hooks';
import type { SessionInfo, TraceRequest } from '../../trace/types';
import { describeToken, formatMs, splitUrl } from './format';

const ROW_HEIGHT = 21;
const OVERSCAN = 10;

type Line = { kind: 'request'; request: TraceRequest } | { kind: 'navigation'; session: SessionInfo };

interface Props {
  requests: readonly TraceRequest[];
  sessions: readonly SessionInfo[];
  origin: number;
  selected?: string;
  onSelect(id: string): void;
}

function statusText(r: TraceRequest): { text: string; cls: string } {
  if (r.status === undefined) return { text: r.stranded ? '(stranded)' : '(pending)', cls: r.stranded ? 'status-error' : 'pending' };
  if (r.status === 0) return { text: `(${r.error ?? 'failed'})`, cls: 'status-error' };
  if (r.status === 401 || r.status === 403) return { text: String(r.status), cls: 'status-auth' };
  return { text: String(r.status), cls: r.status >= 400 ? 'status-error' : '' };
}

/** As the Network panel's Time column: a duration, else why there is none (the caller never settled). */
function timeText(r: TraceRequest): { text: string; cls: string; title?: string } {
  if (r.end !== undefined) return { text: formatMs(r.end - r.start), cls: 'num' };
  if (r.stranded) return { text: '(stranded)', cls: 'num status-error', title: 'its caller never settled, and nothing was left to settle it' };
  return r.pending ? { text: '(pending)', cls: 'num pending', title: 'its caller was still waiting when the recording ended' } : { text: '', cls: 'num' };
}

function RequestLine({ r, origin, selected, odd, onSelect }: { r: TraceRequest; origin: number; selected: boolean; odd: boolean; onSelect(): void }) {
  const { path, host } = splitUrl(r.url);
  const status = statusText(r);
  const time = timeText(r);
  return (
    <div
      class={odd ? 'row odd' : 'row'}
      role="row"
      aria-selected={selected}
      data-testid="request-row"
      data-request={r.id}
      data-method={r.method}
      data-url={r.url}
      data-status={r.status ?? ''}
      data-transport={r.transport ?? ''}
      data-sent={r.sent ?? ''}
      data-role={r.role}
      onClick={onSelect}
    >
      <div title={r.url}>
        <span class="path">{path}</span>
        <span class="host">{host}</span>
      </div>
      <div>{r.method}</div>
      <div class={status.cls}>{status.text}</div>
      <div><span class={`role-chip role-${r.role}`}>{r.role}</span></div>
      <div class="dim" title={r.replayOf ? `replay of ${r.replayOf.split(':').pop()} (attempt ${r.attempt ?? '?'})` : r.transport ? `sent with ${r.transport}` : undefined}>
        {r.replayOf ? `↻ ${r.replayOf.split(':').pop()}` : r.transport ?? ''}
      </div>
      <div class="fp" title={r.token ? `token ${r.token.fp}${r.token.sub ? `, sub ${r.token.sub}` : ''}` : 'no bearer token'}>
        {r.token ? describeToken(r.token, r.sent ?? r.start) : <span class="dim">—</span>}
      </div>
      <div class="num">{formatMs(r.start - origin)}</div>
      <div class={time.cls} title={time.title}>{time.text}</div>
    </div>
  );
}

/** Requests as rows, for users who prefer them; a fixed-row virtual list. */
export function RequestList({ requests, sessions, origin, selected, onSelect }: Props) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const lines: Line[] = [];
  let s = 0;
  for (const request of requests) {
    while (s < sessions.length && sessions[s].start <= request.start) lines.push({ kind: 'navigation', session: sessions[s++] });
    lines.push({ kind: 'request', request });
  }
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(lines.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const index = requests.findIndex((r) => r.id === selected);
    const next = requests[Math.min(requests.length - 1, Math.max(0, index + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) onSelect(next.id);
  };

  return (
    <div class="list">
      <div class="table-head" role="row">
        <div>Name</div>
        <div>Method</div>
        <div>Status</div>
        <div>Role</div>
        <div title="The request a replay re-sends (↻), else the transport">Via</div>
        <div>Token</div>
        <div>Start</div>
        <div>Time</div>
      </div>
      <div
        class="viewport"
        ref={viewport}
        tabIndex={0}
        role="grid"
        aria-label="Requests"
        aria-rowcount={lines.length}
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
      >
        <div style={{ height: lines.length * ROW_HEIGHT, position: 'relative' }}>
          <div style={{ position: 'absolute', top: first * ROW_HEIGHT, left: 0, right: 0 }}>
            {lines.slice(first, last).map((line, i) =>
              line.kind === 'navigation' ? (
                <div class="row navigation" key={`nav:${line.session.session}`} data-testid="navigation-row">
                  <div>Navigated to {line.session.url ?? 'a new page'}</div>
                </div>
              ) : (
                <RequestLine
                  key={line.request.id}
                  r={line.request}
                  origin={origin}
                  odd={(first + i) % 2 === 1}
                  selected={line.request.id === selected}
                  onSelect={() => onSelect(line.request.id)}
                />
              ),
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
