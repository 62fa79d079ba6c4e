/**
 * Text cut to a width with an ellipsis, as DevTools cuts a long URL. The
 * canvas's own maxWidth squeezes the glyphs instead, which makes a long
 * episode summary or URL in a narrow panel unreadable.
 */
export type Measure = (text: string) => number;

const ELLIPSIS = '…';

export function ellipsize(text: string, maxWidth: number, measure: Measure): string {
  if (maxWidth <= 0) return '';
  if (measure(text) <= maxWidth) return text;
  if (measure(ELLIPSIS) > maxWidth) return '';
  // The longest prefix that fits with the ellipsis: width grows with length.
  let lo = 0;
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(text.slice(0, mid) + ELLIPSIS) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo).trimEnd() + ELLIPSIS;
}

/**
 * ellipsize with the results kept: the labels of the visible lanes are cut
 * again on every frame of a zoom or pan, with the same widths. Bounded, and
 * emptied when the font changes (a theme or zoom change).
 */
export class TextFitter {
  private readonly cache = new Map<string, string>();
  private font = '';

  constructor(private readonly limit = 1000) {}

  fit(ctx: { font: string; measureText(text: string): { width: number } }, text: string, maxWidth: number): string {
    if (ctx.font !== this.font) {
      this.cache.clear();
      this.font = ctx.font;
    }
    const width = Math.floor(maxWidth);
    const key = `${width}\u0000${text}`;
    let fitted = this.cache.get(key);
    if (fitted === undefined) {
      fitted = ellipsize(text, width, (t) => ctx.measureText(t).width);
      if (this.cache.size >= this.limit) this.cache.clear();
      this.cache.set(key, fitted);
    }
    return fitted;
  }
}
