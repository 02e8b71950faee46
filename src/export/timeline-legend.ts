import type { SegmentType } from 'workout-spans';
import { formatDuration } from '../model/format';
import { el, escapeXml } from './svg-markup';
import type { TimelineExercise } from './timeline-exercises';
import { CAP_COLOR, FONT, LEGEND_LINE, MUTED, PAD, SEGMENT_COLORS } from './timeline-style';
import { fitLabel, TEXT_PAD, textWidth } from './timeline-text';

/** The legend: exercises (with their reps or time), segment types drawn, the cap line; wrapped to the width. */
export function legendMarkup(
  exercises: TimelineExercise[],
  used: Set<SegmentType>,
  cap: boolean,
  id: string,
  top: number,
  plotW: number,
): { markup: string; bottom: number } {
  type Item = { kind: string; text: string; swatch: (x: number, y: number) => string };
  const square = (fill: string) => (x: number, y: number) =>
    el('rect', { class: 'legend-swatch', x, y, width: 12, height: 12, fill, stroke: '#64748b', 'stroke-width': 1 });
  const items: Item[] = exercises.map((e) => ({
    kind: 'exercise',
    text: `${e.name} · ${e.reps > 0 ? `${e.reps} reps` : formatDuration(e.runningMs)}`,
    swatch: square(e.fill),
  }));
  for (const type of ['round', 'minute', 'work', 'rest', 'transition', 'pause'] as const) {
    if (used.has(type))
      items.push({ kind: 'segment', text: type, swatch: square(type === 'pause' ? `url(#${id}-hatch)` : SEGMENT_COLORS[type]) });
  }
  if (cap)
    items.push({
      kind: 'cap',
      text: 'time cap',
      swatch: (x, y) =>
        el('line', {
          class: 'legend-swatch',
          x1: x + 6,
          y1: y - 1,
          x2: x + 6,
          y2: y + 13,
          stroke: CAP_COLOR,
          'stroke-width': 2,
          'stroke-dasharray': '5 3',
        }),
    });
  let x = PAD;
  let y = top;
  let markup = '';
  for (const item of items) {
    const text = fitLabel(item.text, plotW - 16 + 2 * TEXT_PAD, FONT);
    const w = 16 + textWidth(text, FONT);
    if (x > PAD && x + w > PAD + plotW) {
      x = PAD;
      y += LEGEND_LINE;
    }
    markup += el(
      'g',
      { class: 'legend-item', 'data-kind': item.kind },
      item.swatch(x, y) + el('text', { x: x + 16, y: y + 10, 'font-size': FONT, fill: MUTED }, escapeXml(text)),
    );
    x += w + 14;
  }
  return { markup: el('g', { class: 'legend' }, markup), bottom: items.length === 0 ? top : y + LEGEND_LINE };
}
