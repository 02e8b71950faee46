import { formatDuration } from '../model/format';
import { displayValue } from '../model/json-text';
import type { ExecutionSpan, MetricValue, SpanType, TimeSegment, TrackerSnapshot } from 'workout-spans';

/** Icon names of the Lucide set, one per span type. */
export type SpanIcon = 'clock' | 'rotate-cw' | 'activity' | 'timer' | 'zap' | 'layers';

export interface SpanDescription {
  icon: SpanIcon;
  title: string;
  tags: string[];
  footer?: string;
}

const ICONS: Record<SpanType, SpanIcon> = {
  timer: 'clock',
  rounds: 'rotate-cw',
  effort: 'activity',
  interval: 'timer',
  emom: 'timer',
  amrap: 'zap',
  group: 'layers',
};

/** A tag shows a value in at most this many characters. */
const TAG_LENGTH = 60;

/** `21 reps`, `95 lb`, `400 m`: the value and its unit, as a person writes them (any value: never throws). */
function tag(mv: MetricValue<number> | undefined): string | undefined {
  if (mv === null || typeof mv !== 'object') return undefined;
  return `${displayValue(mv.value, TAG_LENGTH)} ${displayValue(mv.unit, TAG_LENGTH)}`.trim();
}

/** A span type's icon; an unknown type (a crafted snapshot) or a name of `Object.prototype` gets the group's. */
function iconOf(type: unknown): SpanIcon {
  return typeof type === 'string' && Object.hasOwn(ICONS, type) ? ICONS[type as SpanType] : 'layers';
}

function lastOfType(segments: readonly TimeSegment[], type: 'round' | 'minute'): TimeSegment | undefined {
  for (let i = segments.length - 1; i >= 0; i--) if (segments[i]!.type === type) return segments[i];
  return undefined;
}

/** `Round r/n` (or `Round r`) from a round number and the total when known. */
function roundFooter(round: unknown, total: unknown): string {
  return total === undefined
    ? `Round ${displayValue(round, TAG_LENGTH)}`
    : `Round ${displayValue(round, TAG_LENGTH)}/${displayValue(total, TAG_LENGTH)}`;
}

/** A segment's 1-based number from its 0-based index (the first when it has none). */
function ordinal(seg: TimeSegment): number {
  return typeof seg.index === 'number' ? seg.index + 1 : 1;
}

/** A footer from a span's own round or minute: its `currentRound`, else its latest round or minute segment. */
function ownFooter(span: ExecutionSpan, m: Partial<ExecutionSpan['metrics']>): string | undefined {
  if (m.currentRound !== undefined) return roundFooter(m.currentRound, m.totalRounds);
  const segments = Array.isArray(span.segments) ? span.segments : [];
  const minute = lastOfType(segments, 'minute');
  const round = lastOfType(segments, 'round');
  const latest = minute !== undefined && (round === undefined || minute.startTime >= round.startTime) ? minute : round;
  if (latest === undefined) return undefined;
  const n = ordinal(latest);
  return latest.type === 'minute' ? `Minute ${n}` : roundFooter(n, m.totalRounds);
}

/** Spans by id, built once per snapshot: a history list describes every span of the same one. */
const indexes = new WeakMap<readonly ExecutionSpan[], ReadonlyMap<string, ExecutionSpan>>();
function spansById(snapshot: TrackerSnapshot): ReadonlyMap<string, ExecutionSpan> {
  let byId = indexes.get(snapshot.spans);
  if (byId === undefined) indexes.set(snapshot.spans, (byId = new Map(snapshot.spans.map((s) => [s.id, s]))));
  return byId;
}

/**
 * A footer from the round or minute of an ancestor that was open when the span started. Walks up at
 * most once per span of the snapshot, so parents that form a loop (a crafted snapshot) end the walk.
 */
function ancestorFooter(span: ExecutionSpan, snapshot: TrackerSnapshot): string | undefined {
  const byId = spansById(snapshot);
  let steps = byId.size;
  for (
    let p = span.parentSpanId === null ? undefined : byId.get(span.parentSpanId);
    p !== undefined && steps-- > 0;
    p = p.parentSpanId === null ? undefined : byId.get(p.parentSpanId)
  ) {
    const segments = Array.isArray(p.segments) ? p.segments : [];
    for (let i = segments.length - 1; i >= 0; i--) {
      const seg = segments[i]!;
      if ((seg.type !== 'round' && seg.type !== 'minute') || seg.startTime > span.startTime) continue;
      if (seg.endTime !== undefined && seg.endTime <= span.startTime) continue;
      const n = ordinal(seg);
      return seg.type === 'minute' ? `Minute ${n}` : roundFooter(n, p.metrics?.totalRounds);
    }
  }
  return undefined;
}

/**
 * A history-list entry for a span: an icon by span type, its label as title, tags
 * such as `21 reps`, `95 lb`, `400 m`, `21-15-9` or a timer's cap (`20:00`), and a footer naming its
 * round (`Round 2/3`) or minute (`Minute 4`). Round and minute numbers are 1-based, from the
 * segment's index. Given the snapshot, a span with no round of its own (an effort inside a round)
 * takes the round or minute of an ancestor that was open when it started.
 *
 * Total: any span describes, whatever its values hold (a value that is not a number is shown as
 * text or JSON, cut to 60 characters). The title is the label as it is: escape it for where you show
 * it (React does; a terminal needs care, see the CLI).
 */
export function describeSpan(span: ExecutionSpan, snapshot?: TrackerSnapshot): SpanDescription {
  if (span === null || typeof span !== 'object') throw new TypeError('describeSpan: expected a span');
  const m: Partial<ExecutionSpan['metrics']> = span.metrics ?? {};
  const tags = [tag(m.reps), tag(m.weight), tag(m.distance)].filter((t): t is string => t !== undefined && t !== '');
  if (Array.isArray(m.repScheme) && m.repScheme.length > 0) {
    tags.push(displayValue(m.repScheme.map((n) => displayValue(n, TAG_LENGTH)).join('-'), TAG_LENGTH));
  }
  if (span.timer?.durationMs !== undefined) tags.push(formatDuration(span.timer.durationMs));
  const withSnapshot = snapshot !== null && typeof snapshot === 'object' && Array.isArray(snapshot.spans);
  const footer = ownFooter(span, m) ?? (withSnapshot ? ancestorFooter(span, snapshot) : undefined);
  const description: SpanDescription = { icon: iconOf(span.type), title: displayValue(span.label), tags };
  if (footer !== undefined) description.footer = footer;
  return Object.freeze({ ...description, tags: Object.freeze(tags) as string[] });
}
