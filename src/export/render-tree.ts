import { repsBySegment } from '../model/segment-reps';
import { formatDuration } from '../model/format';
import { spanTotals } from '../model/totals';
import { displayValue } from '../model/json-text';
import { terminalText } from '../model/terminal-text';
import { readExportInput } from './export-options';
import type { ExecutionSpan, SpanTotals, TimeSegment, TrackerSnapshot } from 'workout-spans';

export interface RenderTreeOptions {
  /** Instant at which active spans are measured; default: the latest instant in the snapshot. */
  at?: number;
  /** List each span's segments under it (default true). */
  segments?: boolean;
}

/** A metric value is shown in at most this many characters: a tree line is a summary, not a dump. */
const VALUE_PREVIEW = 60;

/**
 * Deeper than this, lines keep the indentation of this depth and name their own depth: a tree
 * 10 000 levels deep would otherwise draw 30 000 characters of guides on its deepest line, and
 * 150 million in all.
 */
const MAX_INDENT_DEPTH = 32;

/** Text from the snapshot, as one line that is safe on a terminal. */
const safe = (value: unknown): string => terminalText(displayValue(value));
/** A value, cut to a preview, as one line that is safe on a terminal. */
const preview = (value: unknown): string => terminalText(displayValue(value, VALUE_PREVIEW));

/** `21 reps`, `95 lb`: a value and its unit, or nothing when there is no value. */
function valueTag(mv: unknown): string | undefined {
  if (mv === null || typeof mv !== 'object') return undefined;
  const { value, unit } = mv as { value?: unknown; unit?: unknown };
  return `${preview(value)} ${safe(unit)}`.trim();
}

function metricTags(span: ExecutionSpan): string {
  const m: Partial<ExecutionSpan['metrics']> = span.metrics ?? {};
  const tags = [valueTag(m.reps), valueTag(m.weight), valueTag(m.distance)].filter((t): t is string => t !== undefined);
  if (Array.isArray(m.repScheme)) tags.push(preview(m.repScheme.map((n) => displayValue(n, VALUE_PREVIEW)).join('-')));
  const custom = m.custom;
  if (custom !== null && typeof custom === 'object') {
    for (const key of Object.keys(custom)) tags.push(`${safe(key)} ${valueTag(custom[key]) ?? ''}`.trim());
  }
  return tags.length === 0 ? '' : `  {${tags.join(', ')}}`;
}

/** `4:00`, then only what is not zero: `(elapsed 3:00, paused 1:00)`, `· work 0:40 / rest 0:20`. */
function timing(t: SpanTotals): string {
  let out = formatDuration(t.totalMs);
  if (t.pausedMs > 0) out += ` (elapsed ${formatDuration(t.elapsedMs)}, paused ${formatDuration(t.pausedMs)})`;
  if (t.restMs > 0) out += ` · work ${formatDuration(t.workMs)} / rest ${formatDuration(t.restMs)}`;
  return out;
}

/** Where a span is drawn: its line's guides, whether it is the last of its siblings, its depth. */
interface Place {
  span: ExecutionSpan;
  /** Start of its tree: offsets (`@1:45`) are from here. */
  origin: number;
  prefix: string;
  last: boolean;
  depth: number;
}

/**
 * A text tree of the snapshot's spans for a terminal: one line per span with its type, status,
 * start (`@m:ss` from its root's start) and total time, the paused and rest parts when there are
 * any, and its latest metrics; then its segments with the reps recorded in each. Times `m:ss`.
 *
 * Total: any snapshot renders, whatever its labels and values hold. Text from the snapshot is made
 * safe for a terminal (control characters shown, never obeyed; a label stays on its line), metric
 * values are cut to a short preview, the tree is walked without recursion (any depth), and a span
 * whose parents form a loop is still drawn, as a tree of its own after the others. What is not a
 * snapshot, or options of the wrong type, is a TypeError; an `at` that is no time a RangeError.
 */
export function renderTree(snapshot: TrackerSnapshot, options: RenderTreeOptions = {}): string {
  const { spans, records, at, options: checked } = readExportInput('renderTree', snapshot, options, { segments: 'boolean' });
  const showSegments = checked.segments !== false;
  const reps = showSegments ? repsBySegment(records) : new Map<string, number>();

  const children = new Map<string | null, ExecutionSpan[]>();
  const ids = new Set(spans.map((s) => s.id));
  for (const span of spans) {
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
      `${mark} ${safe(seg.label)} [${safe(seg.type)}] @${formatDuration(seg.startTime - origin)} ${formatDuration((seg.endTime ?? at) - seg.startTime)}` +
      `${planned}${open}${n === undefined ? '' : ` · ${n} reps`}`
    );
  };

  const drawn = new Set<ExecutionSpan>();
  const stack: Place[] = [];
  const drawTree = (root: ExecutionSpan): void => {
    stack.push({ span: root, origin: root.startTime, prefix: '', last: true, depth: 0 });
    while (stack.length > 0) {
      const { span, origin, prefix, last, depth } = stack.pop()!;
      if (drawn.has(span)) continue;
      drawn.add(span);
      const root = depth === 0;
      const status = span.status === 'active' ? (span.paused ? 'active, paused' : 'active') : safe(span.status);
      const head = root ? '' : last ? '└─ ' : '├─ ';
      const deep = depth > MAX_INDENT_DEPTH ? `(depth ${depth}) ` : '';
      const start = root ? '' : ` @${formatDuration(span.startTime - origin)}`;
      lines.push(
        `${prefix}${head}${deep}${safe(span.label)} [${safe(span.type)}] ${status}${start} · ${timing(spanTotals(span, at))}${metricTags(span)}` +
          (span.error === undefined ? '' : `  ! ${safe(span.error)}`),
      );
      const inner = root || depth > MAX_INDENT_DEPTH - 1 ? prefix : prefix + (last ? '   ' : '│  ');
      const kids = (children.get(span.id) ?? []).filter((kid) => !drawn.has(kid));
      if (showSegments && Array.isArray(span.segments)) {
        for (const seg of span.segments) lines.push(`${inner}${kids.length > 0 ? '│  ' : '   '}${segmentLine(seg, origin)}`);
      }
      // Pushed last child first, so the first child is drawn next.
      for (let i = kids.length - 1; i >= 0; i--) {
        stack.push({ span: kids[i]!, origin, prefix: inner, last: i === kids.length - 1, depth: depth + 1 });
      }
    }
  };
  for (const root of children.get(null) ?? []) drawTree(root);
  // Spans whose parents form a loop reach no root: each loop is drawn from its first span.
  if (drawn.size < spans.length) for (const span of spans) if (!drawn.has(span)) drawTree(span);
  return lines.join('\n');
}
