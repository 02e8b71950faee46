import { readingInstant } from '../model/instants';
import { formatDuration } from '../model/format';
import type { ExecutionSpan, SegmentType, TimeSegment, TrackerSnapshot } from 'workout-spans';
import { el, escapeXml, fitLabel } from './svg-markup';
import { axisTicks } from './time-axis';

export interface TimelineSvgOptions {
  /** Instant at which open spans and segments end; default: the latest instant in the snapshot. */
  at?: number;
  /** Draw this span and its tree only (a RangeError when the snapshot has no such span); default: every span. */
  rootSpanId?: string;
  /** Width in px (default 960). */
  width?: number;
  /** Height of one lane in px (default 40). */
  laneHeight?: number;
  /** Prefix of the ids inside the SVG, so several timelines can share one page (default 'ws'). */
  idPrefix?: string;
  /** Title drawn above the lanes; default: the root labels. */
  title?: string;
}

/** Fill per segment type; pauses use the hatch pattern instead. Light tints keep dark text legible. */
export const SEGMENT_COLORS: Record<Exclude<SegmentType, 'pause'>, string> = {
  round: '#fcd34d',
  minute: '#d8b4fe',
  work: '#86efac',
  rest: '#93c5fd',
  transition: '#cbd5e1',
};

/** Structure (rounds, minutes) is drawn first, phases (work, rest) over it, pauses on top. */
const LAYER: Record<SegmentType, number> = { round: 0, minute: 0, work: 1, transition: 1, rest: 1, pause: 2 };

const PAD = 16;
const GAP = 6;
const TITLE_H = 26;
const AXIS_H = 28;
const LEGEND_H = 22;
const FONT = 11;
const SEG_FONT = 10;

/** A size option: the default when missing or not a finite number, never below `min`. */
function size(value: number | undefined, fallback: number, min: number): number {
  return value !== undefined && Number.isFinite(value) ? Math.max(min, value) : fallback;
}

function sanitizeId(prefix: string): string {
  const clean = prefix.replace(/[^A-Za-z0-9_.-]/g, '-');
  return /^[A-Za-z_]/.test(clean) ? clean : `ws${clean}`;
}

/** The spans to draw, each with its depth (0 for a span whose parent is not drawn). */
function lanesOf(snapshot: TrackerSnapshot, rootSpanId: string | undefined): { span: ExecutionSpan; depth: number }[] {
  if (rootSpanId !== undefined && !snapshot.spans.some((s) => s.id === rootSpanId))
    throw new RangeError(`no span '${rootSpanId}' in the snapshot`);
  const depth = new Map<string, number>();
  const out: { span: ExecutionSpan; depth: number }[] = [];
  for (const span of snapshot.spans) {
    const parentDepth = span.parentSpanId === null ? undefined : depth.get(span.parentSpanId);
    if (rootSpanId !== undefined && span.id !== rootSpanId && parentDepth === undefined) continue;
    const d = span.id === rootSpanId || parentDepth === undefined ? 0 : parentDepth + 1;
    depth.set(span.id, d);
    out.push({ span, depth: d });
  }
  return out;
}

/**
 * An SVG timeline of the snapshot (API.md §11): one lane per depth of the span tree, each span a bar
 * with its label, its segments coloured by type inside it (rounds and minutes first, work and rest
 * over them), pauses hatched with an SVG pattern, a time axis with `m:ss` ticks and a legend.
 * Labels are shortened to fit and clipped to their box, so they never overflow; all text is
 * escaped, so the output is well-formed XML whatever the labels hold.
 */
export function renderTimelineSvg(snapshot: TrackerSnapshot, options: TimelineSvgOptions = {}): string {
  const width = size(options.width, 960, 240);
  const laneH = size(options.laneHeight, 40, 24);
  const id = sanitizeId(options.idPrefix ?? 'ws');
  const items = lanesOf(snapshot, options.rootSpanId);
  const at =
    options.at ??
    readingInstant(
      items.map((i) => i.span),
      snapshot.metrics,
      snapshot.savedAt,
    );
  const laneCount = items.reduce((n, i) => Math.max(n, i.depth + 1), 0);
  const t0 = items.reduce((t, i) => Math.min(t, i.span.startTime), Infinity);
  const range = Math.max(1, items.reduce((t, i) => Math.max(t, i.span.endTime ?? at), -Infinity) - t0);
  const plotW = width - 2 * PAD;
  const x = (t: number): number => PAD + ((Math.min(Math.max(t, t0), t0 + range) - t0) / range) * plotW;
  const laneY = (d: number): number => TITLE_H + d * (laneH + GAP);
  const lanesBottom = laneY(laneCount) - GAP;
  const height = lanesBottom + AXIS_H + LEGEND_H + PAD;
  const title =
    options.title ??
    (items
      .filter((i) => i.depth === 0)
      .map((i) => i.span.label)
      .join(' · ') ||
      'No spans');
  const total = items.length === 0 ? '' : ` · ${formatDuration(range)}`;

  let clipCount = 0;
  const clipped = (
    bx: number,
    by: number,
    bw: number,
    bh: number,
    text: string,
    tx: number,
    ty: number,
    fontSize: number,
    weight?: string,
  ): string => {
    const fitted = fitLabel(text, bw - 6, fontSize);
    if (fitted === '') return '';
    const clipId = `${id}-clip-${clipCount++}`;
    return (
      el('clipPath', { id: clipId }, el('rect', { x: bx, y: by, width: bw, height: bh })) +
      el('text', { x: tx, y: ty, 'font-size': fontSize, 'font-weight': weight, 'clip-path': `url(#${clipId})` }, escapeXml(fitted))
    );
  };

  const defs = el(
    'defs',
    {},
    el(
      'pattern',
      { id: `${id}-hatch`, patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' },
      el('rect', { width: 6, height: 6, fill: '#f1f5f9', 'fill-opacity': 0.85 }) +
        el('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#475569', 'stroke-width': 2.5 }),
    ),
  );

  let body = '';
  for (let d = 0; d < laneCount; d++) {
    body += el('rect', {
      class: 'lane',
      'data-depth': d,
      x: PAD,
      y: laneY(d),
      width: plotW,
      height: laneH,
      fill: d % 2 === 0 ? '#f8fafc' : '#f1f5f9',
    });
  }
  const ticks = axisTicks(range);
  for (const tick of ticks) {
    const tx = x(t0 + tick);
    body += el('line', { class: 'grid', x1: tx, y1: TITLE_H, x2: tx, y2: lanesBottom, stroke: '#e2e8f0', 'stroke-width': 1 });
  }

  const used = new Set<SegmentType>();
  const segmentMarkup = (seg: TimeSegment, top: number, barH: number, band: number): string => {
    used.add(seg.type);
    const sx = x(seg.startTime);
    const sw = Math.max(1, x(seg.endTime ?? at) - sx);
    const tip = el('title', {}, escapeXml(`${seg.label} (${seg.type}) ${formatDuration((seg.endTime ?? at) - seg.startTime)}`));
    if (seg.type === 'pause') {
      return el(
        'rect',
        { class: 'segment pause', x: sx, y: top, width: sw, height: barH, fill: `url(#${id}-hatch)`, stroke: '#475569', 'stroke-width': 1 },
        tip,
      );
    }
    return (
      el(
        'rect',
        {
          class: `segment ${seg.type}`,
          x: sx,
          y: top,
          width: sw,
          height: band,
          fill: SEGMENT_COLORS[seg.type],
          stroke: '#ffffff',
          'stroke-width': 1,
        },
        tip,
      ) + clipped(sx, top, sw, band, seg.label, sx + 3, top + band / 2 + SEG_FONT * 0.35, SEG_FONT)
    );
  };

  for (const { span, depth } of items) {
    const y = laneY(depth) + 2;
    const h = laneH - 4;
    const x1 = x(span.startTime);
    const w = Math.max(1, x(span.endTime ?? at) - x1);
    let g = el(
      'rect',
      { class: 'span', x: x1, y, width: w, height: h, rx: 3, fill: '#e2e8f0', stroke: '#64748b', 'stroke-width': 1 },
      el('title', {}, escapeXml(`${span.label} (${span.type}, ${span.status}) ${formatDuration((span.endTime ?? at) - span.startTime)}`)),
    );
    const segs = [...span.segments].filter((s) => s.startTime <= at).sort((a, b) => LAYER[a.type] - LAYER[b.type]);
    const bandH = segs.some((s) => s.type !== 'pause') ? Math.round(h * 0.5) : 0;
    for (const seg of segs) g += segmentMarkup(seg, y, h, bandH);
    // The span's label sits below the segment band, or in the middle of the bar when it has none.
    const labelTop = y + bandH;
    g += clipped(
      x1,
      labelTop,
      w,
      h - bandH,
      span.label,
      x1 + 3,
      labelTop + (h - bandH) / 2 + FONT * 0.35,
      FONT,
      depth === 0 ? '600' : undefined,
    );
    body += el('g', { class: 'span-group', 'data-span-id': span.id, 'data-depth': depth }, g);
  }

  let axis = el('line', { x1: PAD, y1: lanesBottom + 4, x2: PAD + plotW, y2: lanesBottom + 4, stroke: '#334155', 'stroke-width': 1 });
  ticks.forEach((tick, i) => {
    const tx = x(t0 + tick);
    const anchor = i === 0 ? 'start' : tx > PAD + plotW - 20 ? 'end' : 'middle';
    axis +=
      el('line', { x1: tx, y1: lanesBottom + 4, x2: tx, y2: lanesBottom + 9, stroke: '#334155', 'stroke-width': 1 }) +
      el(
        'text',
        { x: tx, y: lanesBottom + 21, 'font-size': FONT, 'text-anchor': anchor, fill: '#334155' },
        escapeXml(formatDuration(tick)),
      );
  });

  let legend = '';
  let lx = PAD;
  const ly = lanesBottom + AXIS_H + 4;
  for (const type of ['round', 'minute', 'work', 'rest', 'transition', 'pause'] as const) {
    if (!used.has(type)) continue;
    const fill = type === 'pause' ? `url(#${id}-hatch)` : SEGMENT_COLORS[type];
    legend +=
      el('rect', { class: 'legend', x: lx, y: ly, width: 12, height: 12, fill, stroke: '#64748b', 'stroke-width': 1 }) +
      el('text', { x: lx + 16, y: ly + 10, 'font-size': FONT, fill: '#334155' }, type);
    lx += 24 + type.length * FONT * 0.62;
  }

  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': `${title} timeline`,
      'font-family': 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif',
      fill: '#0f172a',
    },
    el('title', {}, escapeXml(`${title} timeline`)) +
      defs +
      el('rect', { width, height, fill: '#ffffff' }) +
      clipped(PAD, 0, plotW, TITLE_H, `${title}${total}`, PAD, 17, 13, '600') +
      el('g', { class: 'lanes' }, body) +
      el('g', { class: 'axis' }, axis) +
      el('g', { class: 'legend' }, legend),
  );
}
