import type { Episode, TraceRequest, TraceResult } from '../../trace/types';
import { pathOnly } from '../components/format';
import type { Arrow, Bar, Lane, TimelineLayout } from './layout-types';
import { packIntoLanes } from './pack';
import { tokenBands } from './token-bands';

export type RequestFilter = (request: TraceRequest) => boolean;

const all: RequestFilter = () => true;

function makeBar(request: TraceRequest, lane: number, recordingEnd: number): Bar {
  const sent = request.sent ?? request.start;
  const responded = request.responded ?? request.end;
  const bar: Bar = { request, role: request.role, lane, start: sent, end: responded ?? recordingEnd, open: responded === undefined };
  // A few ms between entering axios and sending is just the interceptors'
  // own work; only a real wait is drawn as time spent in the queue.
  if (sent - request.start > 2) bar.waitFrom = request.start;
  if (request.end !== undefined && responded !== undefined && request.end - responded > 2) bar.tailTo = request.end;
  // A caller left waiting (for a replay that never came, say) is drawn waiting to the end: a stranded request shows as one.
  else if (request.end === undefined && responded !== undefined && (request.pending || request.stranded) && request.episode !== undefined && recordingEnd - responded > 2) {
    bar.tailTo = recordingEnd;
    bar.waiting = true;
  }
  return bar;
}

/** The first request of a replay chain: replays of replays lead back to it. */
function chainRoot(request: TraceRequest, byId: Map<string, TraceRequest>): string {
  let current = request;
  for (let hops = 0; current.replayOf !== undefined && hops < 100; hops++) {
    const next = byId.get(current.replayOf);
    if (!next) return current.replayOf;
    current = next;
  }
  return current.id;
}

/**
 * Lanes, top to bottom: token generations; then per episode a header, its
 * refresh calls (one lane each, so a stampede is several), one lane per
 * expired request holding it and its replays, one lane per queued request;
 * then every other request, packed into as few lanes as fit.
 */
export function buildLayout(result: TraceResult, filter: RequestFilter = all, now?: number): TimelineLayout {
  const recordingEnd = now ?? result.recordingEnd ?? 0;
  const byId = new Map(result.requests.map((r) => [r.id, r]));
  // Requests sent in the same tick share a timestamp (the page clock has 0.1 ms
  // steps): the model's request order, which follows the page's own events,
  // breaks the tie the way the page sent them.
  const position = new Map(result.requests.map((r, i) => [r.id, i]));
  const sentAt = (id: string) => {
    const r = byId.get(id);
    return r ? r.sent ?? r.start : Infinity;
  };
  const bySending = (a: string, b: string) => sentAt(a) - sentAt(b) || (position.get(a) ?? 0) - (position.get(b) ?? 0);
  const lanes: Lane[] = [];
  const arrows: Arrow[] = [];
  const byRequest = new Map<string, Bar>();
  const placed = new Set<string>();
  const bands = tokenBands(result.tokens, recordingEnd);
  lanes.push({ kind: 'tokens', label: 'Tokens', bars: [] });

  const addLane = (lane: Omit<Lane, 'bars'>, requests: TraceRequest[]): Bar[] => {
    const shown = requests.filter(filter);
    if (shown.length === 0) return [];
    const index = lanes.length;
    const bars = shown.map((r) => makeBar(r, index, recordingEnd)).sort((a, b) => a.start - b.start);
    lanes.push({ ...lane, bars });
    for (const bar of bars) byRequest.set(bar.request.id, bar);
    return bars;
  };

  for (const episode of result.episodes) {
    layoutEpisode(episode);
  }

  function layoutEpisode(episode: Episode): void {
    const header = lanes.length;
    lanes.push({ kind: 'episode', label: episode.id, episode: episode.id, bars: [] });
    const refreshBars = episode.refreshes.flatMap((id) => {
      const r = byId.get(id);
      placed.add(id);
      return r ? addLane({ kind: 'refresh', label: 'refresh', episode: episode.id }, [r]) : [];
    });
    const replayNumber = new Map([...episode.replays].sort(bySending).map((id, i) => [id, i + 1]));
    const chains = new Map<string, TraceRequest[]>();
    for (const id of [...episode.expired, ...episode.replays]) {
      const r = byId.get(id);
      if (!r || placed.has(id)) continue;
      placed.add(id);
      const root = chainRoot(r, byId);
      const chain = chains.get(root) ?? [];
      chain.push(r);
      chains.set(root, chain);
    }
    // Originals are numbered in the order they were sent, whatever order the
    // episode lists them in, so "#2 ← 3" always means "the second replay
    // re-sends the third request sent".
    const ordered = [...chains].sort(([a], [b]) => bySending(a, b));
    let originalNumber = 0;
    for (const [root, chain] of ordered) {
      const number = ++originalNumber;
      const label = `#${number} ${pathOnly(chain[0].url)}`;
      const bars = addLane({ kind: 'chain', label, episode: episode.id }, chain);
      for (const bar of bars) {
        bar.originalNumber = number;
        bar.replayNumber = replayNumber.get(bar.request.id);
      }
      const original = bars.find((b) => b.request.id === root) ?? bars[0];
      for (const bar of bars) {
        if (bar.role !== 'replay') continue;
        const from = bars.filter((b) => b !== bar && b.start < bar.start).at(-1) ?? original;
        arrows.push({ kind: 'expired-replay', from, to: bar });
        from.arrowOut = true;
        const refresh = refreshBars.filter((b) => b.end <= bar.start + 1).at(-1);
        if (refresh) {
          arrows.push({ kind: 'refresh-replay', from: refresh, to: bar });
          refresh.arrowOut = true;
        }
      }
    }
    for (const id of episode.queued) {
      const r = byId.get(id);
      if (!r || placed.has(id)) continue;
      placed.add(id);
      addLane({ kind: 'queued', label: `queued ${pathOnly(r.url)}`, episode: episode.id }, [r]);
    }
    // An episode whose requests are all filtered out disappears entirely.
    if (lanes.length === header + 1) lanes.pop();
  }

  const others = result.requests.filter((r) => !placed.has(r.id) && filter(r));
  if (others.length > 0) {
    lanes.push({ kind: 'group', label: 'Other requests', bars: [] });
    const bars = others.map((r) => makeBar(r, -1, recordingEnd));
    for (const laneBars of packIntoLanes(bars)) {
      const index = lanes.length;
      for (const bar of laneBars) {
        bar.lane = index;
        byRequest.set(bar.request.id, bar);
      }
      lanes.push({ kind: 'other', label: '', bars: laneBars });
    }
  }

  let start = Infinity;
  let end = -Infinity;
  for (const bar of byRequest.values()) {
    start = Math.min(start, bar.waitFrom ?? bar.start);
    end = Math.max(end, bar.tailTo ?? bar.end);
  }
  if (start === Infinity) [start, end] = [result.recordingStart ?? 0, recordingEnd];
  // The first page load is where the recording starts: only later ones are marked.
  const navigations = result.sessions.slice(1).filter((x) => x.url !== undefined).map((x) => ({ t: x.start as number, url: x.url! }));
  return { lanes, navigations, arrows, bands, byRequest, start, end };
}
