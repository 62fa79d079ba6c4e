import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TimelineLayout } from './layout-types';
import { drawTimeline, GUTTER } from './draw';
import { AXIS_HEIGHT, contentHeight } from './geometry';
import { hitBand, hitBar } from './hit-test';
import { readPalette, type Palette } from './palette';
import { TimeScale } from './scale';
import { TimelineOutline } from './TimelineOutline';
import { tooltipText } from './tooltip';

interface Props {
  layout: TimelineLayout;
  origin: number;
  selected?: string;
  onSelect(id: string | undefined): void;
  /** Bumped by the parent to ask for a fit to [from, to]. */
  fit?: { from: number; to: number; n: number };
  episodeLabels: Map<string, { text: string; bad: boolean }>;
  theme: string;
}

const ZOOM_STEP = 1.25;

export function Timeline(props: Props) {
  const { layout } = props;
  const host = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 800, height: 300 });
  const [scale, setScale] = useState<TimeScale | undefined>();
  const [scrollTop, setScrollTop] = useState(0);
  const [hover, setHover] = useState<{ x: number; y: number; text: string; id?: string } | undefined>();
  const drag = useRef<{ x: number; y: number; moved: boolean } | undefined>(undefined);
  const palette = useMemo<Palette | undefined>(() => (host.current ? readPalette(host.current) : undefined), [props.theme, host.current]);

  // The same vnode while the layout is unchanged: Preact then skips the
  // outline's thousands of list items on every zoom and pan.
  const outline = useMemo(() => <TimelineOutline layout={layout} />, [layout]);
  const plotWidth = Math.max(50, size.width - GUTTER);
  // Until the user zooms or pans, the view follows the recording as it grows.
  const view = scale?.withWidth(plotWidth) ?? TimeScale.fit(layout.start, layout.end, plotWidth);
  const maxScroll = Math.max(0, contentHeight(layout.lanes.length) - size.height);
  const top = Math.min(scrollTop, maxScroll);

  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    // Measured now as well as on resize: ResizeObserver only reports at a
    // rendering opportunity, which a tab in the background never gets.
    const measure = () => setSize((s) => (s.width === el.clientWidth && s.height === el.clientHeight ? s : { width: el.clientWidth, height: el.clientHeight }));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (props.fit) setScale(TimeScale.fit(props.fit.from, props.fit.to, plotWidth, 0.08));
  }, [props.fit?.n]);

  useLayoutEffect(() => {
    const el = host.current;
    if (el && (el.clientWidth !== size.width || el.clientHeight !== size.height)) {
      setSize({ width: el.clientWidth, height: el.clientHeight });
      return;
    }
    const c = canvas.current;
    const p = palette ?? (host.current ? readPalette(host.current) : undefined);
    if (!c || !p) return;
    const dpr = window.devicePixelRatio || 1;
    if (c.width !== size.width * dpr || c.height !== size.height * dpr) {
      c.width = size.width * dpr;
      c.height = size.height * dpr;
    }
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const shapes = drawTimeline(ctx, layout, view, {
      width: size.width, height: size.height, scrollTop: top, origin: props.origin,
      selected: props.selected, hovered: hover?.id, episodeLabels: props.episodeLabels,
    }, p);
    c.dataset.shapes = String(shapes);
  });

  const contentPoint = (e: MouseEvent) => {
    const rect = canvas.current!.getBoundingClientRect();
    return { x: e.clientX - rect.left - GUTTER, y: e.clientY - rect.top + top, px: e.clientX - rect.left, py: e.clientY - rect.top };
  };

  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    const { x } = contentPoint(e);
    if (e.shiftKey) setScrollTop(Math.max(0, Math.min(maxScroll, top + e.deltaY)));
    else if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) setScale(view.panBy(-e.deltaX));
    else setScale(view.zoomAt(Math.exp(-e.deltaY / 300), x));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const centre = plotWidth / 2;
    const actions: Record<string, () => void> = {
      w: () => setScale(view.zoomAt(ZOOM_STEP, centre)),
      '+': () => setScale(view.zoomAt(ZOOM_STEP, centre)),
      '=': () => setScale(view.zoomAt(ZOOM_STEP, centre)),
      s: () => setScale(view.zoomAt(1 / ZOOM_STEP, centre)),
      '-': () => setScale(view.zoomAt(1 / ZOOM_STEP, centre)),
      a: () => setScale(view.panBy(plotWidth / 8)),
      ArrowLeft: () => setScale(view.panBy(plotWidth / 8)),
      d: () => setScale(view.panBy(-plotWidth / 8)),
      ArrowRight: () => setScale(view.panBy(-plotWidth / 8)),
      ArrowDown: () => setScrollTop(Math.min(maxScroll, top + 40)),
      ArrowUp: () => setScrollTop(Math.max(0, top - 40)),
      f: () => setScale(undefined),
      '0': () => setScale(undefined),
      Escape: () => props.onSelect(undefined),
    };
    const action = actions[e.key];
    if (action && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      action();
    }
  };

  const onMouseMove = (e: MouseEvent) => {
    const point = contentPoint(e);
    if (drag.current) {
      const dx = e.clientX - drag.current.x;
      const dy = e.clientY - drag.current.y;
      if (Math.abs(dx) + Math.abs(dy) > 2) drag.current.moved = true;
      drag.current.x = e.clientX;
      drag.current.y = e.clientY;
      setScale(view.panBy(dx));
      setScrollTop(Math.max(0, Math.min(maxScroll, top - dy)));
      return;
    }
    const bar = point.x >= 0 ? hitBar(layout, view, point.x, point.y) : undefined;
    const band = !bar && point.x >= 0 ? hitBand(layout, view, point.x, point.y) : undefined;
    const text = bar ? tooltipText(bar, props.origin) : band ? `${band.label}${band.expired ? ' · expired' : ''}` : undefined;
    setHover(text ? { x: point.px, y: point.py, text, id: bar?.request.id } : undefined);
  };

  const onMouseUp = (e: MouseEvent) => {
    const wasDrag = drag.current?.moved;
    drag.current = undefined;
    if (wasDrag) return;
    const point = contentPoint(e);
    const bar = point.x >= 0 ? hitBar(layout, view, point.x, point.y) : undefined;
    props.onSelect(bar?.request.id);
  };

  return (
    <div class="timeline" ref={host} data-testid="timeline">
      <canvas
        ref={canvas}
        tabIndex={0}
        role="img"
        aria-label="Timeline of requests. W/S or the mouse wheel zoom, A/D pan, F fits the recording, click selects."
        data-testid="timeline-canvas"
        style={{ width: `${size.width}px`, height: `${size.height}px` }}
        onWheel={onWheel}
        onKeyDown={onKeyDown}
        onMouseDown={(e) => (drag.current = { x: e.clientX, y: e.clientY, moved: false })}
        onMouseMove={onMouseMove}
        onMouseUp={onMouseUp}
        onMouseLeave={() => {
          drag.current = undefined;
          setHover(undefined);
        }}
      />
      {hover && (
        <div class="tooltip" role="tooltip" style={{ left: Math.min(hover.x + 12, size.width - 260), top: Math.max(AXIS_HEIGHT, hover.y + 14) }}>
          {hover.text}
        </div>
      )}
      {outline}
    </div>
  );
}
