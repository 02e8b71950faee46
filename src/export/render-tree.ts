import { readingInstant } from '../model/instants';
import { repsBySegment } from '../model/segment-reps';
import { formatDuration } from '../model/format';
import { spanTotals } from '../model/totals';
import type { ExecutionSpan, MetricValue, SpanTotals, TimeSegment, TrackerSnapshot } from 'workout-spans';

export interface RenderTreeOptions {
  /** Instant at which active spans are measured; default: the latest instant in the snapshot. */
  at?: number;
  /** List each span's segments under it (default true). */
  segments?: boolean;
}

function value(mv: MetricValue<number> | undefined): string | undefined {
  return mv === undefined ? undefined : `${mv.value} ${mv.unit}`.trim();
}

function metricTags(span: ExecutionSpan): string {
  const m = span.metrics;
  const tags = [value(m.reps), value(m.weight), value(m.distance)].filter((t): t is string => t !== undefined);
  if (m.repScheme !== undefined) tags.push(m.repScheme.join('-'));
  for (const [key, mv] of Object.entries(m.custom)) tags.push(`${key} ${String(mv.value)} ${mv.unit}`.trim());
  return tags.length === 0 ? '' : `  {${tags.join(', ')}}`;
}

/** `4:00`, then only what is not zero: `(elapsed 3:00, paused 1:00)`, `· work 0:40 / rest 0:20`. */
function timing(t: SpanTotals): string {
  let out = formatDuration(t.totalMs);
  if (t.pausedMs > 0) out += ` (elapsed ${formatDuration(t.elapsedMs)}, paused ${formatDuration(t.pausedMs)})`;
  if (t.restMs > 0) out += ` · work ${formatDuration(t.workMs)} / rest ${formatDuration(t.restMs)}`;
  return out;
}

/** Keeps labels on one line, so a label holding a newline cannot break the tree's layout. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}

/**
 * A text tree of the snapshot's spans for a terminal (API.md §11): one line per span with its type,
 * status, start (`@m:ss` from its root's start) and total time, the paused and rest parts when there
 * are any, and its latest metrics; then its segments with the reps recorded in each. Times `m:ss`.
 */
export function renderTree(snapshot: TrackerSnapshot, options: RenderTreeOptions = {}): string {
  const at = options.at ?? readingInstant(snapshot.spans, snapshot.metrics, snapshot.savedAt);
  const showSegments = options.segments ?? true;
  const reps = showSegments ? repsBySegment(snapshot.metrics) : new Map<string, number>();
  const children = new Map<string | null, ExecutionSpan[]>();
  const ids = new Set(snapshot.spans.map((s) => s.id));
  for (const span of snapshot.spans) {
    const parent = span.parentSpanId !== null && ids.has(span.parentSpanId) ? span.parentSpanId : null;
    const list = children.get(parent);
    if (list === undefined) children.set(parent, [span]);
    else list.push(span);
  }
  const lines: string[] = [];
  const segmentLine = (seg: TimeSegment, origin: number): string => {
    const open = seg.endTime === undefined ? ' (open)' : '';
    const planned = seg.plannedMs === undefined ? '' : ` of ${formatDuration(seg.plannedMs)}`;
    const n = reps.get(seg.id);
    const mark = seg.type === 'pause' ? '⏸' : '◦';
    return (
      `${mark} ${oneLine(seg.label)} [${seg.type}] @${formatDuration(seg.startTime - origin)} ${formatDuration((seg.endTime ?? at) - seg.startTime)}` +
      `${planned}${open}${n === undefined ? '' : ` · ${n} reps`}`
    );
  };
  const walk = (span: ExecutionSpan, origin: number, prefix: string, last: boolean, root: boolean): void => {
    const status = span.status === 'active' ? (span.paused ? 'active, paused' : 'active') : span.status;
    const head = root ? '' : last ? '└─ ' : '├─ ';
    const start = root ? '' : ` @${formatDuration(span.startTime - origin)}`;
    lines.push(
      `${prefix}${head}${oneLine(span.label)} [${span.type}] ${status}${start} · ${timing(spanTotals(span, at))}${metricTags(span)}` +
        (span.error === undefined ? '' : `  ! ${oneLine(span.error)}`),
    );
    const inner = root ? prefix : prefix + (last ? '   ' : '│  ');
    const kids = children.get(span.id) ?? [];
    if (showSegments) {
      for (const seg of span.segments) lines.push(`${inner}${kids.length > 0 ? '│  ' : '   '}${segmentLine(seg, origin)}`);
    }
    kids.forEach((kid, i) => walk(kid, origin, inner, i === kids.length - 1, false));
  };
  for (const root of children.get(null) ?? []) walk(root, root.startTime, '', true, true);
  return lines.join('\n');
}
