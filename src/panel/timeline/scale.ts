/**
 * The horizontal mapping between time (epoch ms) and canvas pixels, with the
 * zoom and pan arithmetic. Immutable: every change returns a new scale.
 */
export class TimeScale {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly width: number,
  ) {}

  get span(): number {
    return Math.max(this.end - this.start, 1e-3);
  }

  x(t: number): number {
    return ((t - this.start) / this.span) * this.width;
  }

  t(x: number): number {
    return this.start + (x / this.width) * this.span;
  }

  /** Milliseconds one pixel covers: anything shorter is merged, not drawn. */
  get msPerPixel(): number {
    return this.span / Math.max(this.width, 1);
  }

  /** Zoom by `factor` (>1 zooms in) keeping the time under `anchorX` in place. */
  zoomAt(factor: number, anchorX: number, minSpan = 0.05, maxSpan = Infinity): TimeScale {
    const anchor = this.t(anchorX);
    const span = Math.min(Math.max(this.span / factor, minSpan), maxSpan);
    const start = anchor - (anchorX / this.width) * span;
    return new TimeScale(start, start + span, this.width);
  }

  panBy(dx: number): TimeScale {
    const dt = dx * this.msPerPixel;
    return new TimeScale(this.start - dt, this.end - dt, this.width);
  }

  withWidth(width: number): TimeScale {
    return new TimeScale(this.start, this.end, width);
  }

  /** Fit [from, to] with a margin on each side. */
  static fit(from: number, to: number, width: number, margin = 0.04): TimeScale {
    const span = Math.max(to - from, 1);
    return new TimeScale(from - span * margin, to + span * margin, width);
  }

  /** Tick times at a "nice" interval (1, 2, 5 × 10^n ms) about `minGapPx` apart. */
  ticks(minGapPx = 90, origin = 0): { interval: number; times: number[] } {
    const raw = this.msPerPixel * minGapPx;
    const power = 10 ** Math.floor(Math.log10(raw));
    const interval = [1, 2, 5, 10].map((m) => m * power).find((i) => i >= raw) ?? 10 * power;
    const times: number[] = [];
    // Ticks sit at round offsets from the origin, so their labels are round numbers.
    const first = origin + Math.ceil((this.start - origin) / interval) * interval;
    for (let t = first; t <= this.end && times.length < 500; t += interval) times.push(t);
    return { interval, times };
  }
}

/** A tick label relative to the recording's origin: "0 ms", "250 ms", "1.5 s". */
export function tickLabel(t: number, origin: number, interval: number): string {
  const rel = t - origin;
  if (interval >= 1000) return `${+(rel / 1000).toFixed(interval >= 10_000 ? 0 : 1)} s`;
  if (interval >= 1) return `${Math.round(rel)} ms`;
  return `${rel.toFixed(2)} ms`;
}
