import { useEffect, useRef, useState } from 'preact/hooks';
import type { RequestRow, Row } from '../store/request-rows';
import { describeToken, formatMs, splitUrl } from './format';

const ROW_HEIGHT = 21;
const OVERSCAN = 10;

interface Props {
  rows: Row[];
  origin: number;
}

function statusText(row: RequestRow): { text: string; cls: string } {
  if (row.status === undefined) return { text: '(pending)', cls: 'pending' };
  if (row.error) return { text: `(${row.error})`, cls: 'status-error' };
  if (row.status === 401 || row.status === 403) return { text: String(row.status), cls: 'status-auth' };
  return { text: String(row.status), cls: row.status >= 400 ? 'status-error' : '' };
}

function RequestLine({ row, origin, selected, odd, onSelect }: { row: RequestRow; origin: number; selected: boolean; odd: boolean; onSelect(): void }) {
  const { path, host } = splitUrl(row.url);
  const status = statusText(row);
  return (
    <div
      class={odd ? 'row odd' : 'row'}
      role="row"
      aria-selected={selected}
      data-testid="request-row"
      data-method={row.method}
      data-url={row.url}
      data-status={row.status ?? ''}
      data-transport={row.transport}
      onClick={onSelect}
    >
      <div title={row.url}>
        <span class="path">{path}</span>
        <span class="host">{host}</span>
      </div>
      <div>{row.method}</div>
      <div class={status.cls}>{status.text}</div>
      <div class="dim">{row.transport}</div>
      <div class="fp" title={row.token ? `token ${row.token.fp}${row.token.sub ? `, sub ${row.token.sub}` : ''}` : 'no bearer token'}>
        {row.token ? describeToken(row.token, row.start) : <span class="dim">—</span>}
      </div>
      <div class="num">{formatMs(row.start - origin)}</div>
      <div class="num">{row.end === undefined ? '' : formatMs(row.end - row.start)}</div>
    </div>
  );
}

/** A fixed-row virtual list: only the rows in view are in the DOM. */
export function RequestList({ rows, origin }: Props) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [selected, setSelected] = useState<string | undefined>();

  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const index = rows.findIndex((r) => r.key === selected);
    const next = Math.min(rows.length - 1, Math.max(0, index + (e.key === 'ArrowDown' ? 1 : -1)));
    setSelected(rows[next]?.key);
    const el = viewport.current;
    if (el && (next * ROW_HEIGHT < el.scrollTop || (next + 1) * ROW_HEIGHT > el.scrollTop + el.clientHeight)) {
      el.scrollTop = next * ROW_HEIGHT - el.clientHeight / 2;
    }
  };

  return (
    <div
      class="viewport"
      ref={viewport}
      tabIndex={0}
      role="grid"
      aria-label="Requests"
      aria-rowcount={rows.length}
      onKeyDown={onKeyDown}
      onScroll={(e) => {
        const el = e.currentTarget as HTMLDivElement;
        setScrollTop(el.scrollTop);
        setHeight(el.clientHeight);
      }}
    >
      <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
        <div style={{ position: 'absolute', top: first * ROW_HEIGHT, left: 0, right: 0 }}>
          {rows.slice(first, last).map((row, i) =>
            row.kind === 'navigation' ? (
              <div class="row navigation" key={row.key} data-testid="navigation-row">
                <div>Navigated to {row.url}</div>
              </div>
            ) : (
              <RequestLine key={row.key} row={row} origin={origin} odd={(first + i) % 2 === 1} selected={row.key === selected} onSelect={() => setSelected(row.key)} />
            ),
          )}
        </div>
      </div>
    </div>
  );
}
