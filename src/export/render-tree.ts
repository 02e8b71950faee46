import { formatDuration, latestInstant } from '../model/format';
import { spanTotals } from '../model/totals';
import type { ExecutionSpan, MetricValue, TimeSegment, TrackerSnapshot } from '../model/types';

export interface RenderTreeOptions {
  /** Instant at which active spans are measured; default: the latest instant in the snapshot. */
  at?: number;
  /** List each span's segments under it (default true). */
  segments?: boolean;
}

function value(mv: MetricValue<number> | undefined): string | undefined {
  return mv === undefined ? undefined : `${mv.value} ${mv.unit}`;
}

function metricTags(span: ExecutionSpan): string {
  const m = span.metrics;
  const tags = [value(m.reps), value(m.weight), value(m.distance)].filter((t): t is string => t !== undefined);
  if (m.repScheme !== undefined) tags.push(m.repScheme.join('-'));
  for (const [key, mv] of Object.entries(m.custom)) tags.push(`${key} ${String(mv.value)} ${mv.unit}`.trim());
  return tags.length === 0 ? '' : `  {${tags.join(', ')}}`;
}

function segmentLine(seg: TimeSegment, at: number): string {
  const end = seg.endTime ?? at;
  const open = seg.endTime === undefined ? ' (open)' : '';
  const planned = seg.plannedMs === undefined ? '' : ` of ${formatDuration(seg.plannedMs)}`;
  const reps = seg.metrics.reps === undefined ? '' : `  {${seg.metrics.reps.value} reps}`;
  const mark = seg.type === 'pause' ? '⏸' : '◦';
  return `${mark} ${seg.label} [${seg.type}] ${formatDuration(end - seg.startTime)}${planned}${open}${reps}`;
}

/**
 * A text tree of the snapshot's spans for a terminal (API.md §11): one line per span with its type,
 * status and totals (total / elapsed / paused, work / rest), then its segments, times as `m:ss`.
 */
export function renderTree(snapshot: TrackerSnapshot, options: RenderTreeOptions = {}): string {
  const at = options.at ?? latestInstant(snapshot.spans);
  const showSegments = options.segments ?? true;
  const children = new Map<string | null, ExecutionSpan[]>();
  const ids = new Set(snapshot.spans.map((s) => s.id));
  for (const span of snapshot.spans) {
    const parent = span.parentSpanId !== null && ids.has(span.parentSpanId) ? span.parentSpanId : null;
    const list = children.get(parent);
    if (list === undefined) children.set(parent, [span]);
    else list.push(span);
  }
  const lines: string[] = [];
  const walk = (span: ExecutionSpan, prefix: string, last: boolean, root: boolean): void => {
    const t = spanTotals(span, at);
    const status = span.status === 'active' ? (span.paused ? 'active, paused' : 'active') : span.status;
    const head = root ? '' : last ? '└─ ' : '├─ ';
    lines.push(
      `${prefix}${head}${span.label} [${span.type}] ${status} · total ${formatDuration(t.totalMs)} · elapsed ${formatDuration(t.elapsedMs)}` +
        ` · paused ${formatDuration(t.pausedMs)} · work ${formatDuration(t.workMs)} / rest ${formatDuration(t.restMs)}${metricTags(span)}` +
        (span.error === undefined ? '' : `  ! ${span.error}`),
    );
    const inner = root ? prefix : prefix + (last ? '   ' : '│  ');
    const kids = children.get(span.id) ?? [];
    if (showSegments) {
      for (const seg of span.segments) lines.push(`${inner}${kids.length > 0 ? '│  ' : '   '}${segmentLine(seg, at)}`);
    }
    kids.forEach((kid, i) => walk(kid, inner, i === kids.length - 1, false));
  };
  for (const root of children.get(null) ?? []) walk(root, '', true, true);
  return lines.join('\n');
}
