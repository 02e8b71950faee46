export { renderTree } from './render-tree';
export type { RenderTreeOptions } from './render-tree';
export { toCSV } from './to-csv';
export type { CsvKind, ToCsvOptions } from './to-csv';
export { renderTimelineSvg, SEGMENT_COLORS } from './render-timeline-svg';
export type { TimelineSvgOptions } from './render-timeline-svg';
export { describeSpan } from './describe-span';
export type { SpanDescription, SpanIcon } from './describe-span';
