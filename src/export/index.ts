/**
 * workout-spans/export: a snapshot as other tools and people read it: RFC 4180 CSV, a text tree for
 * a terminal, an SVG timeline, and a span described for a history list.
 */
export { renderTree } from './render-tree';
export type { RenderTreeOptions } from './render-tree';
export { toCSV } from './to-csv';
export type { CsvKind, ToCsvOptions } from './to-csv';
export { renderTimelineSvg, SEGMENT_COLORS } from './render-timeline-svg';
export { EXERCISE_COLORS } from './timeline-colors';
export type { TimelineSvgOptions } from './render-timeline-svg';
export { describeSpan } from './describe-span';
export type { SpanDescription, SpanIcon } from './describe-span';
export { formatDuration } from '../model/format';
