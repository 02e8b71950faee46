import type { SegmentType, TrackerSnapshot } from 'workout-spans';
import { formatDuration } from '../model/format';
import { el, escapeXml } from './svg-markup';
import { axisStep, ticksThatFit } from './time-axis';
import { groupExercises, type TimelineExercise } from './timeline-exercises';
import { heading, summaryOf } from './timeline-heading';
import {
  containerCandidates,
  effortCandidates,
  effortNeed,
  freeParts,
  LINE_H,
  mergeIntervals,
  pickLines,
  segmentCandidates,
  type Interval,
  type Line,
} from './timeline-labels';
import { capInstant, readTimeline, type TimelineModel, type TimelineSegment, type TimelineSpan } from './timeline-model';
import { legendMarkup } from './timeline-legend';
import { resolveOptions, type TimelineSvgOptions } from './timeline-options';
import { chooseRowLength, rowCount, splitByRows, type RoomNeed } from './timeline-rows';
import {
  AXIS_H,
  BAR_FILL,
  BOX_FONT,
  CAP_COLOR,
  CAP_H,
  FONT,
  GAP,
  HEAD_FONT,
  INK,
  LAYER,
  MUTED,
  PAD,
  ROW_GAP,
  SEGMENT_COLORS,
} from './timeline-style';
import { TEXT_PAD, textWidth } from './timeline-text';
import { segmentTooltip, spanTooltip } from './timeline-tooltips';

export type { TimelineSvgOptions } from './timeline-options';
export { SEGMENT_COLORS } from './timeline-style';

/** Most lanes × rows an automatic layout draws: a deep tree is not wrapped into a very tall picture. */
const AUTO_LANE_ROWS = 160;

/** A segment as it is laid out: its layer and the times its label may use. */
interface SegmentPlan {
  seg: TimelineSegment;
  layer: number;
  free: Interval[];
}

/** A span as it is laid out; intervals are offsets from the start of the drawing. */
interface SpanPlan {
  span: TimelineSpan;
  exercise: TimelineExercise | undefined;
  bandH: number;
  segments: SegmentPlan[];
  /** Where the span's own text may go: its bar outside its pauses. */
  textFree: Interval[];
}

/** Where a label goes: a row, the times it spans there, and what it says. */
interface Placed {
  row: number;
  from: number;
  to: number;
  lines: Line[];
}

function planSpans(model: TimelineModel, exercises: Map<string, TimelineExercise>, boxH: number): SpanPlan[] {
  const t0 = model.t0;
  return model.spans.map((span) => {
    const segments = span.segments
      .map((seg) => ({ seg, layer: LAYER[seg.type], free: [] as Interval[] }))
      .sort((a, b) => a.layer - b.layer);
    const above = (layer: number): Interval[] =>
      mergeIntervals(segments.filter((s) => s.layer > layer).map((s): Interval => [s.seg.start - t0, s.seg.end - t0]));
    const overPhases = above(0);
    const pauses = above(1);
    for (const s of segments) if (s.layer < 2) s.free = freeParts(s.seg.start - t0, s.seg.end - t0, s.layer === 0 ? overPhases : pauses);
    return {
      span,
      exercise: span.exerciseKey === undefined ? undefined : exercises.get(span.exerciseKey),
      bandH: segments.some((s) => s.layer < 2) ? Math.round(boxH * 0.5) : 0,
      segments,
      textFree: freeParts(span.start - t0, span.end - t0, pauses),
    };
  });
}

/** What each effort needs room for: its reps and time on two lines (one when the lane holds one). */
function roomNeeds(plans: SpanPlan[], boxH: number): RoomNeed[] {
  const needs: RoomNeed[] = [];
  for (const p of plans) {
    if (p.exercise === undefined) continue;
    const lines = effortNeed(p.span, Math.floor((boxH - p.bandH - 2) / LINE_H));
    needs.push({ free: p.textFree, px: Math.max(...lines.map((l) => textWidth(l.text, BOX_FONT, l.bold))) + 2 * TEXT_PAD });
  }
  return needs;
}

/** The widest piece of `free` on each row it reaches (`perRow`), or on any row; rows being `length` long. */
function widestSlots(free: readonly Interval[], length: number, rows: number, perRow: boolean): [number, number, number][] {
  const best = new Map<number, [number, number, number]>();
  for (const [a, b] of free)
    for (const piece of splitByRows(a, b, length, rows)) {
      const key = perRow ? piece[0] : 0;
      const held = best.get(key);
      if (held === undefined || piece[2] - piece[1] > held[2] - held[1]) best.set(key, piece);
    }
  return [...best.values()];
}

/**
 * An SVG timeline of the snapshot for a coach: one lane per depth of the span tree; each effort a
 * box in its exercise's colour holding its reps, load and time as far as they fit (all of it in its
 * tooltip); rounds and minutes above, with their split times or short labels (`R3`) that never sit
 * under a pause; pauses hatched, rest tinted; a line where an AMRAP, EMOM or timer reaches its cap;
 * the workout's score in the heading (from `summarize`); a time axis; a legend of exercises and
 * segment types. A narrow width wraps the time range into rows (see `rows`).
 *
 * Total: a snapshot or option of the wrong shape is a TypeError, an `at`, `rows` or `rootSpanId`
 * out of range a RangeError; anything else draws. All text is escaped, so the output is
 * well-formed XML whatever the labels hold; no recursion, so deep trees draw too.
 */
export function renderTimelineSvg(snapshot: TrackerSnapshot, options: TimelineSvgOptions = {}): string {
  const o = resolveOptions(options);
  const model = readTimeline(snapshot, o.rootSpanId, o.at);
  const exercises = groupExercises(model.spans, o.exerciseColors);
  const id = o.idPrefix;
  const width = o.width;
  const laneH = o.laneHeight;
  const boxH = laneH - 4;
  const plotW = width - 2 * PAD;
  const t0 = model.t0;
  const range = Math.max(1, model.tEnd - t0);
  const plans = planSpans(model, exercises, boxH);
  const maxRows = Math.max(1, Math.min(8, Math.floor(AUTO_LANE_ROWS / Math.max(1, model.laneCount))));
  const rowLen = chooseRowLength(range, plotW, roomNeeds(plans, boxH), o.rows, maxRows);
  const rows = model.spans.length === 0 ? 0 : rowCount(range, rowLen);
  const xOf = (row: number, offset: number): number => PAD + ((offset - row * rowLen) / rowLen) * plotW;

  const name = o.title ?? (model.roots.map((s) => s.label).join(' · ') || 'No spans');
  const head = heading(name, summaryOf(snapshot, model, o.rootSpanId), plotW);

  // Caps first: a row holding one gets a strip above its lanes for the label.
  const caps = new Map<number, { offset: number; depth: number; text: string; tip: string }[]>();
  for (const span of model.spans) {
    const at = capInstant(span);
    if (at === undefined || at - t0 > range) continue;
    const offset = at - t0;
    const row = offset <= 0 ? 0 : Math.min(rows - 1, Math.ceil(offset / rowLen) - 1);
    const text = `${formatDuration(span.capMs!)} cap`;
    const paused = at - span.start - span.capMs!;
    const tip = `${span.label}: ${text} (running time${paused > 0 ? `; pauses moved it ${formatDuration(paused)} later` : ''})`;
    const inRow = caps.get(row);
    if (inRow === undefined) caps.set(row, [{ offset, depth: span.depth, text, tip }]);
    else inRow.push({ offset, depth: span.depth, text, tip });
  }

  let y = 12 + 20 + (head.detail === '' ? 0 : 16) + 6;
  const rowTop: number[] = [];
  const lanesTop: number[] = [];
  const lanesBottom: number[] = [];
  for (let r = 0; r < rows; r++) {
    rowTop.push(y);
    lanesTop.push(y + (caps.has(r) ? CAP_H : 0));
    lanesBottom.push(lanesTop[r]! + model.laneCount * (laneH + GAP) - GAP);
    y = lanesBottom[r]! + AXIS_H + ROW_GAP;
  }
  const laneY = (row: number, depth: number): number => lanesTop[row]! + depth * (laneH + GAP);

  let clipCount = 0;
  /** Text lines inside a box, clipped to it, vertically centred. */
  const boxText = (
    x: number,
    top: number,
    w: number,
    h: number,
    lines: Line[],
    size: number,
    fill: string | undefined,
    cls: string,
    segment?: TimelineSegment,
  ): string => {
    const clipId = `${id}-clip-${clipCount++}`;
    let out = el('clipPath', { id: clipId }, el('rect', { x, y: top, width: w, height: h }));
    const first = top + (h - lines.length * LINE_H) / 2;
    lines.forEach((line, i) => {
      out += el(
        'text',
        {
          class: cls,
          'data-type': segment?.type,
          'data-segment-id': segment?.id,
          x: x + TEXT_PAD,
          y: first + (i + 0.5) * LINE_H + size * 0.35,
          'font-size': size,
          'font-weight': line.bold === true ? '600' : undefined,
          fill,
          'clip-path': `url(#${clipId})`,
          'pointer-events': 'none',
        },
        escapeXml(line.text),
      );
    });
    return out;
  };

  const used = new Set<SegmentType>();
  const groups: string[][] = Array.from({ length: rows }, () => []);
  for (const p of plans) {
    const { span, exercise } = p;
    const depth = span.depth;
    /** Labels in the widest room the free times leave: once, or once per row (a container, so each row names its lanes). */
    const place = (free: Interval[], candidates: (w: number) => Line[][], h: number, size: number, perRow = false): Placed[] => {
      const out: Placed[] = [];
      for (const [row, from, to] of widestSlots(free, rowLen, rows, perRow)) {
        const w = ((to - from) / rowLen) * plotW;
        const lines = pickLines(candidates(w), w, h, size);
        if (lines !== undefined) out.push({ row, from, to, lines });
      }
      return out;
    };
    const textH = boxH - p.bandH;
    const bold = depth === 0;
    const spanLabels = place(
      p.textFree,
      exercise === undefined ? (w) => containerCandidates(span, w, FONT, bold) : () => effortCandidates(span),
      textH,
      exercise === undefined ? FONT : BOX_FONT,
      exercise === undefined,
    );
    const segLabels = p.segments.map((s) => (s.layer === 2 ? [] : place(s.free, () => segmentCandidates(s.seg), p.bandH, BOX_FONT)));
    const spanTip = el('title', {}, escapeXml(spanTooltip(span, exercise?.name, t0)));
    const segTips = p.segments.map((s) => el('title', {}, escapeXml(segmentTooltip(s.seg, model.segmentReps.get(s.seg.id), t0))));

    const pieces = splitByRows(span.start - t0, span.end - t0, rowLen, rows);
    pieces.forEach(([row, a, b], k) => {
      const top = laneY(row, depth) + 2;
      const x1 = xOf(row, a);
      let g = el(
        'rect',
        {
          class: `span${k > 0 ? ' continued' : ''}${exercise === undefined ? '' : ' exercise'}`,
          'data-exercise': exercise?.key,
          x: x1,
          y: top,
          width: Math.max(1, xOf(row, b) - x1),
          height: boxH,
          rx: 3,
          fill: exercise?.fill ?? BAR_FILL,
          stroke: span.status === 'failed' ? '#b91c1c' : exercise === undefined ? '#64748b' : '#ffffff',
          'stroke-width': span.status === 'failed' ? 2 : 1,
          'stroke-dasharray': span.status === 'skipped' ? '4 3' : undefined,
        },
        spanTip,
      );
      let labels = '';
      p.segments.forEach((s, j) => {
        used.add(s.seg.type);
        const segPieces = splitByRows(s.seg.start - t0, s.seg.end - t0, rowLen, rows).filter((q) => q[0] === row);
        for (const [, sa, sb] of segPieces) {
          const sx = xOf(row, sa);
          const sw = Math.max(1, xOf(row, sb) - sx);
          const pause = s.layer === 2;
          g += el(
            'rect',
            {
              class: `segment ${s.seg.type}`,
              'data-segment-id': s.seg.id,
              x: sx,
              y: top,
              width: sw,
              height: pause ? boxH : p.bandH,
              fill: pause ? `url(#${id}-hatch)` : SEGMENT_COLORS[s.seg.type as Exclude<SegmentType, 'pause'>],
              stroke: pause ? '#475569' : '#ffffff',
              'stroke-width': 1,
            },
            segTips[j],
          );
        }
        for (const label of segLabels[j]!) {
          if (label.row !== row) continue;
          const lx = xOf(row, label.from);
          labels += boxText(lx, top, xOf(row, label.to) - lx, p.bandH, label.lines, BOX_FONT, INK, 'label segment-label', s.seg);
        }
      });
      for (const spanLabel of spanLabels) {
        if (spanLabel.row !== row) continue;
        const lx = xOf(row, spanLabel.from);
        labels += boxText(
          lx,
          top + p.bandH,
          xOf(row, spanLabel.to) - lx,
          textH,
          spanLabel.lines,
          exercise === undefined ? FONT : BOX_FONT,
          exercise?.ink,
          exercise === undefined ? 'label span-label' : 'label effort-label',
        );
      }
      groups[row]!.push(el('g', { class: 'span-group', 'data-span-id': span.id, 'data-depth': depth, 'data-row': row }, g + labels));
    });
  }

  const labelPx = textWidth(formatDuration(rows * rowLen), FONT);
  const step = axisStep(rowLen, ticksThatFit(plotW, labelPx));
  let rowsMarkup = '';
  for (let r = 0; r < rows; r++) {
    const from = r * rowLen;
    const to = (r + 1) * rowLen;
    const ticks: number[] = [];
    for (let t = Math.ceil(from / step) * step; t < to || (r === rows - 1 && t <= to); t += step) ticks.push(t);
    let body = '';
    for (let d = 0; d < model.laneCount; d++) {
      body += el('rect', {
        class: 'lane',
        'data-depth': d,
        'data-row': r,
        x: PAD,
        y: laneY(r, d),
        width: plotW,
        height: laneH,
        fill: d % 2 === 0 ? '#f8fafc' : '#f1f5f9',
      });
    }
    for (const t of ticks) {
      const tx = xOf(r, t);
      body += el('line', { class: 'grid', x1: tx, y1: lanesTop[r], x2: tx, y2: lanesBottom[r], stroke: '#e2e8f0', 'stroke-width': 1 });
    }
    body += groups[r]!.join('');
    for (const cap of caps.get(r) ?? []) {
      const cx = xOf(r, cap.offset);
      const right = cx > PAD + plotW / 2;
      body += el(
        'g',
        { class: 'cap' },
        el(
          'line',
          {
            class: 'cap-line',
            x1: cx,
            y1: laneY(r, cap.depth),
            x2: cx,
            y2: lanesBottom[r]! + 4,
            stroke: CAP_COLOR,
            'stroke-width': 2,
            'stroke-dasharray': '5 3',
          },
          el('title', {}, escapeXml(cap.tip)),
        ) +
          el(
            'text',
            {
              class: 'cap-label',
              x: right ? cx - 2 : cx + 2,
              y: rowTop[r]! + 11,
              'font-size': BOX_FONT,
              'font-weight': '600',
              'text-anchor': right ? 'end' : 'start',
              fill: CAP_COLOR,
            },
            escapeXml(cap.text),
          ),
      );
    }
    const base = lanesBottom[r]! + 4;
    let axis = el('line', { x1: PAD, y1: base, x2: PAD + plotW, y2: base, stroke: MUTED, 'stroke-width': 1 });
    for (const t of ticks) {
      const tx = xOf(r, t);
      const label = formatDuration(t);
      const half = textWidth(label, FONT) / 2;
      const anchor = tx - half < PAD / 2 ? 'start' : tx + half > width - PAD / 2 ? 'end' : 'middle';
      axis +=
        el('line', { x1: tx, y1: base, x2: tx, y2: base + 5, stroke: MUTED, 'stroke-width': 1 }) +
        el('text', { x: tx, y: base + 17, 'font-size': FONT, 'text-anchor': anchor, fill: MUTED }, escapeXml(label));
    }
    rowsMarkup += el('g', { class: 'row', 'data-row': r }, el('g', { class: 'lanes' }, body) + el('g', { class: 'axis' }, axis));
  }

  const legend = legendMarkup([...exercises.values()], used, caps.size > 0, id, y, plotW);
  const height = legend.bottom + PAD;
  const headMarkup =
    el('text', { class: 'heading-title', x: PAD, y: 12 + 15, 'font-size': HEAD_FONT, 'font-weight': '700' }, escapeXml(head.title)) +
    (head.detail === ''
      ? ''
      : el('text', { class: 'heading-detail', x: PAD, y: 12 + 20 + 12, 'font-size': FONT, fill: MUTED }, escapeXml(head.detail)));

  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': `${head.full} timeline`,
      'data-rows': rows,
      'font-family': 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif',
      fill: INK,
    },
    el('title', {}, escapeXml(`${head.full} timeline`)) +
      el(
        'defs',
        {},
        el(
          'pattern',
          { id: `${id}-hatch`, patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' },
          el('rect', { width: 6, height: 6, fill: '#f1f5f9', 'fill-opacity': 0.85 }) +
            el('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#475569', 'stroke-width': 2.5 }),
        ),
      ) +
      el('rect', { width, height, fill: '#ffffff' }) +
      el('g', { class: 'heading' }, headMarkup) +
      rowsMarkup +
      legend.markup,
  );
}
