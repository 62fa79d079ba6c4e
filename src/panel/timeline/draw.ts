import type { Arrow, Bar, Lane, TimelineLayout } from './layout-types';
import { AXIS_HEIGHT, BAR_HEIGHT, LANE_HEIGHT, laneTop, TOKENS_HEIGHT, visibleLanes } from './geometry';
import type { Palette } from './palette';
import { tickLabel, type TimeScale } from './scale';
import { TextFitter } from './text-fit';

/** Labels cut with an ellipsis where they do not fit (the canvas would squeeze them). */
const fitter = new TextFitter();

export const GUTTER = 168;

export interface View {
  width: number;
  height: number;
  scrollTop: number;
  origin: number;
  selected?: string;
  hovered?: string;
  /** Lane header texts, by episode id. */
  episodeLabels: Map<string, { text: string; bad: boolean }>;
}

/** The request got no response or an error status: a replay refused again, a refresh that failed. */
export function failedBar(bar: Bar): boolean {
  const status = bar.request.status;
  return status !== undefined && (status === 0 || status >= 400);
}

function statusText(bar: Bar): string {
  const status = bar.request.status;
  return status === undefined ? '' : status === 0 ? bar.request.error ?? 'failed' : String(status);
}

/**
 * Texts for a bar, longest first: the first that fits is drawn. A replay or
 * a refresh is named by its label rather than its status, so one that failed
 * says its status too: a 401 loop reads as refused on the timeline, not only
 * in the list.
 */
export function barTexts(bar: Bar): string[] {
  const label = bar.replayNumber !== undefined ? `#${bar.replayNumber} ← ${bar.originalNumber}` : bar.role === 'refresh' ? 'refresh' : undefined;
  if (label !== undefined) return failedBar(bar) ? [`${label} · ${statusText(bar)}`, statusText(bar)] : [label];
  if (bar.open) return ['pending'];
  const status = statusText(bar);
  return status ? [status] : [];
}

/**
 * Where a bar's text goes: inside the bar, the longest of `texts` (longest
 * first) that fits; else just right of it, in the `room` up to the next bar
 * of the lane or the canvas's edge, so that a short replay still says which
 * request it replays; else nowhere.
 */
export function placeBarText(texts: readonly string[], from: number, width: number, room: number, measure: (text: string) => number): { text: string; x: number; maxWidth: number; inside: boolean } | undefined {
  const inside = texts.find((t) => width > measure(t) + 6);
  if (inside !== undefined) return { text: inside, x: from + 3, maxWidth: width - 6, inside: true };
  const outside = texts.find((t) => measure(t) + 8 <= room);
  return outside === undefined ? undefined : { text: outside, x: from + width + 4, maxWidth: room - 8, inside: false };
}

/**
 * Draws the timeline and returns how many shapes it drew. Bars under a pixel
 * wide are merged with their neighbours into one rectangle, so the cost
 * follows the canvas width, not the number of requests.
 */
export function drawTimeline(ctx: CanvasRenderingContext2D, layout: TimelineLayout, scale: TimeScale, view: View, p: Palette): number {
  let shapes = 0;
  const { width, height, scrollTop } = view;
  const x = (t: number) => GUTTER + scale.x(t);
  ctx.fillStyle = p.bg;
  ctx.fillRect(0, 0, width, height);
  ctx.font = p.font;
  ctx.textBaseline = 'middle';

  const [firstLane, lastLane] = visibleLanes(scrollTop + AXIS_HEIGHT, scrollTop + height, layout.lanes.length);
  const { interval, times } = scale.ticks(90, view.origin);
  ctx.fillStyle = p.grid;
  for (const t of times) ctx.fillRect(Math.round(x(t)), AXIS_HEIGHT, 1, height - AXIS_HEIGHT);

  for (let i = firstLane; i <= lastLane; i++) {
    const lane = layout.lanes[i];
    const top = laneTop(i) - scrollTop;
    if (i === 0) shapes += drawBands(ctx, layout, scale, top, view, p);
    else shapes += drawLane(ctx, lane, i, top, scale, view, p);
  }
  shapes += drawArrows(ctx, layout.arrows, firstLane, lastLane, scale, view, p);
  for (const nav of layout.navigations) {
    const nx = Math.round(x(nav.t));
    if (nx < GUTTER || nx > width) continue;
    ctx.fillStyle = p.selection;
    ctx.fillRect(nx, AXIS_HEIGHT, 1, height - AXIS_HEIGHT);
    shapes++;
  }

  // Gutter and axis last, over the content that scrolled under them.
  ctx.fillStyle = p.bg;
  ctx.fillRect(0, 0, width, AXIS_HEIGHT);
  ctx.fillStyle = p.grid;
  ctx.fillRect(0, AXIS_HEIGHT - 1, width, 1);
  ctx.fillRect(GUTTER - 1, 0, 1, height);
  for (const nav of layout.navigations) {
    const nx = x(nav.t);
    if (nx < GUTTER || nx > width) continue;
    ctx.fillStyle = p.selection;
    ctx.fillText(fitter.fit(ctx, `⟳ ${nav.url}`, Math.min(240, width - nx - 6)), nx + 3, AXIS_HEIGHT / 2);
  }
  ctx.fillStyle = p.dim;
  const labels = axisLabels(times, x, (t) => tickLabel(t, view.origin, interval), width, (text) => ctx.measureText(text).width);
  for (const label of labels) ctx.fillText(label.text, label.x, AXIS_HEIGHT / 2);
  return shapes + times.length * 2;
}

/**
 * The time axis's labels, each just right of its tick: none over the
 * gutter, and none that the canvas's right edge would cut (a "16" left of
 * "1600 ms" reads as a time of its own).
 */
export function axisLabels(times: readonly number[], x: (t: number) => number, label: (t: number) => string, width: number, measure: (text: string) => number): Array<{ text: string; x: number }> {
  const out: Array<{ text: string; x: number }> = [];
  for (const t of times) {
    const tx = x(t);
    if (tx < GUTTER + 2) continue;
    const text = label(t);
    if (tx + 3 + measure(text) > width) continue;
    out.push({ text, x: tx + 3 });
  }
  return out;
}

/**
 * Index of the first bar that may reach `t`. Bars are sorted by start and,
 * in the packed lanes that hold most requests, do not overlap; a few lanes
 * (a chain and its replays) are short enough to scan from their start.
 */
function firstVisible(bars: Bar[], t: number): number {
  if (bars.length < 64) return 0;
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((bars[mid].tailTo ?? bars[mid].end) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function drawLane(ctx: CanvasRenderingContext2D, lane: Lane, index: number, top: number, scale: TimeScale, view: View, p: Palette): number {
  let shapes = 0;
  const x = (t: number) => GUTTER + scale.x(t);
  const mid = top + LANE_HEIGHT / 2;
  if (lane.kind === 'episode' || lane.kind === 'group') {
    const label = lane.episode ? view.episodeLabels.get(lane.episode) : undefined;
    ctx.fillStyle = p.episode;
    ctx.fillRect(0, top, view.width, LANE_HEIGHT);
    ctx.fillStyle = label?.bad ? p.error : p.fg;
    ctx.fillText(fitter.fit(ctx, label?.text ?? lane.label, view.width - 12), 6, mid);
    return 2;
  }
  if (index % 2 === 0) {
    ctx.fillStyle = p.laneAlt;
    ctx.fillRect(GUTTER, top, view.width - GUTTER, LANE_HEIGHT);
  }
  const barTop = top + (LANE_HEIGHT - BAR_HEIGHT) / 2;
  const minT = scale.start;
  const maxT = scale.end;
  let mergeFrom = -1;
  let mergeTo = -1;
  const flushMerged = () => {
    if (mergeFrom < 0) return;
    ctx.fillStyle = p.roles.normal;
    ctx.fillRect(mergeFrom, barTop, Math.max(1, mergeTo - mergeFrom), BAR_HEIGHT);
    shapes++;
    mergeFrom = -1;
  };
  const bars = lane.bars;
  for (let b = firstVisible(bars, minT); b < bars.length; b++) {
    const bar = bars[b];
    const from = bar.waitFrom ?? bar.start;
    const to = bar.tailTo ?? bar.end;
    if (from > maxT) break;
    if (to < minT) continue;
    const x0 = x(bar.start);
    const x1 = x(bar.end);
    const emphasised = bar.request.id === view.selected || bar.request.id === view.hovered;
    if (x1 - x0 < 1 && !emphasised && bar.waitFrom === undefined) {
      if (mergeFrom >= 0 && x0 <= mergeTo + 1) mergeTo = Math.max(mergeTo, x1);
      else {
        flushMerged();
        mergeFrom = x0;
        mergeTo = x1;
      }
      continue;
    }
    flushMerged();
    if (bar.waitFrom !== undefined) {
      ctx.fillStyle = p.wait;
      ctx.fillRect(x(bar.waitFrom), mid - 1, x0 - x(bar.waitFrom), 2);
      shapes++;
    }
    if (bar.tailTo !== undefined && bar.waiting) {
      // Still waiting at the end: dashed, in the error colour once nothing is left to settle it.
      ctx.strokeStyle = bar.request.stranded ? p.error : p.dim;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(x1, mid + 0.5);
      ctx.lineTo(x(bar.tailTo), mid + 0.5);
      ctx.stroke();
      ctx.setLineDash([]);
      shapes++;
    } else if (bar.tailTo !== undefined) {
      ctx.fillStyle = p.dim;
      ctx.fillRect(x1, mid, x(bar.tailTo) - x1, 1);
      shapes++;
    }
    ctx.fillStyle = p.roles[bar.role];
    const w = Math.max(2, x1 - x0);
    ctx.fillRect(x0, barTop, w, BAR_HEIGHT);
    shapes++;
    // An expired bar is drawn in the error colour already.
    if (bar.role !== 'expired' && failedBar(bar)) {
      ctx.strokeStyle = p.error;
      ctx.lineWidth = 2;
      ctx.strokeRect(x0 + 1, barTop + 1, w - 2, BAR_HEIGHT - 2);
      ctx.lineWidth = 1;
      shapes++;
    }
    if (bar.open || bar.request.stranded) {
      ctx.strokeStyle = bar.request.stranded ? p.error : p.dim;
      ctx.setLineDash([3, 2]);
      ctx.strokeRect(x0 + 0.5, barTop + 0.5, w - 1, BAR_HEIGHT - 1);
      ctx.setLineDash([]);
    }
    if (emphasised) {
      ctx.strokeStyle = p.selection;
      ctx.lineWidth = 2;
      ctx.strokeRect(x0 - 1, barTop - 1, w + 2, BAR_HEIGHT + 2);
      ctx.lineWidth = 1;
    }
    // A bar that starts left of the view keeps its label in sight, as the Performance panel's do.
    const shownFrom = Math.max(x0, GUTTER);
    const shownWidth = Math.min(x0 + w, view.width) - shownFrom;
    // Room on its right: up to the lane's next bar, none where a tail line or an arrow runs on from it.
    const next = bars[b + 1];
    const room = bar.tailTo !== undefined || bar.arrowOut ? 0 : Math.min(next === undefined ? view.width : x(next.waitFrom ?? next.start), view.width) - (shownFrom + shownWidth);
    const placed = placeBarText(barTexts(bar), shownFrom, shownWidth, room, (t) => ctx.measureText(t).width);
    if (placed !== undefined) {
      ctx.fillStyle = placed.inside ? '#fff' : p.fg;
      ctx.fillText(placed.text, placed.x, mid, placed.maxWidth);
    }
  }
  flushMerged();
  // Lane label in the gutter.
  ctx.fillStyle = p.bg;
  ctx.fillRect(0, top, GUTTER - 1, LANE_HEIGHT);
  if (lane.label) {
    ctx.fillStyle = lane.kind === 'refresh' ? p.roles.refresh : p.dim;
    ctx.fillText(fitter.fit(ctx, lane.label, GUTTER - 12), 6, mid);
  }
  return shapes + 2;
}

function drawBands(ctx: CanvasRenderingContext2D, layout: TimelineLayout, scale: TimeScale, top: number, view: View, p: Palette): number {
  const x = (t: number) => GUTTER + scale.x(t);
  let shapes = 0;
  for (const band of layout.bands) {
    if (band.end < scale.start || band.start > scale.end) continue;
    const x0 = Math.max(GUTTER, x(band.start));
    const x1 = Math.min(view.width, x(band.end));
    const y = top + 2 + band.row * 16;
    ctx.fillStyle = band.row === 0 ? p.roles.normal : p.roles.replay;
    ctx.globalAlpha = 0.35;
    ctx.fillRect(x0, y, Math.max(1, x1 - x0), 13);
    if (band.exp !== undefined && band.exp < band.end) {
      // Past its exp: the rest of the band is tinted as an error.
      const xe = Math.max(x0, x(band.exp));
      ctx.fillStyle = p.error;
      ctx.fillRect(xe, y, Math.max(1, x1 - xe), 13);
    }
    ctx.globalAlpha = 1;
    ctx.fillStyle = p.error;
    if (band.exp !== undefined && x(band.exp) >= GUTTER && x(band.exp) <= view.width) ctx.fillRect(x(band.exp) - 1, y - 1, 2, 15);
    ctx.fillStyle = p.fg;
    if (x1 - x0 > 60) ctx.fillText(fitter.fit(ctx, band.label, x1 - x0 - 8), x0 + 4, y + 7);
    shapes += 3;
  }
  ctx.fillStyle = p.bg;
  ctx.fillRect(0, top, GUTTER - 1, TOKENS_HEIGHT);
  ctx.fillStyle = p.dim;
  ctx.fillText('Tokens', 6, top + TOKENS_HEIGHT / 2);
  ctx.fillStyle = p.grid;
  ctx.fillRect(0, top + TOKENS_HEIGHT - 1, view.width, 1);
  return shapes + 3;
}

function drawArrows(ctx: CanvasRenderingContext2D, arrows: Arrow[], first: number, last: number, scale: TimeScale, view: View, p: Palette): number {
  let shapes = 0;
  const x = (t: number) => GUTTER + scale.x(t);
  // Arrows are drawn after the lanes, so they must not spill over the lane
  // labels in the gutter or the axis.
  ctx.save();
  ctx.beginPath();
  ctx.rect(GUTTER, AXIS_HEIGHT, view.width - GUTTER, view.height - AXIS_HEIGHT);
  ctx.clip();
  for (const arrow of arrows) {
    const a = arrow.from.lane;
    const b = arrow.to.lane;
    if (Math.max(a, b) < first || Math.min(a, b) > last) continue;
    const x0 = x(arrow.from.end);
    const x1 = x(arrow.to.start);
    if (Math.max(x0, x1) < GUTTER || Math.min(x0, x1) > view.width) continue;
    const y0 = laneTop(a) - view.scrollTop + LANE_HEIGHT / 2;
    const y1 = laneTop(b) - view.scrollTop + LANE_HEIGHT / 2;
    ctx.strokeStyle = arrow.kind === 'refresh-replay' ? p.roles.refresh : p.arrow;
    ctx.globalAlpha = arrow.kind === 'refresh-replay' ? 0.6 : 0.9;
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    if (a === b) ctx.bezierCurveTo(x0 + 6, y0 - 9, x1 - 6, y1 - 9, x1, y1 - 3);
    else ctx.bezierCurveTo((x0 + x1) / 2, y0, (x0 + x1) / 2, y1, x1, y1);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(x1, y1 - (a === b ? 3 : 0));
    ctx.lineTo(x1 - 5, y1 - 3 - (a === b ? 3 : 0));
    ctx.lineTo(x1 - 5, y1 + 3 - (a === b ? 3 : 0));
    ctx.closePath();
    ctx.fillStyle = ctx.strokeStyle;
    ctx.fill();
    ctx.globalAlpha = 1;
    shapes += 2;
  }
  ctx.restore();
  return shapes;
}
