import { formatDuration } from '../model/format';
import type { ExecutionSpan, MetricValue, SpanType, TimeSegment, TrackerSnapshot } from 'workout-spans';

/** Icon names of the Lucide set, one per span type (API.md §11 describeSpan). */
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

/** `21 reps`, `95 lb`, `400 m`: the value and its unit, as a person writes them. */
function tag(mv: MetricValue<number> | undefined): string | undefined {
  return mv === undefined ? undefined : `${mv.value} ${mv.unit}`.trim();
}

function lastOfType(segments: readonly TimeSegment[], type: 'round' | 'minute'): TimeSegment | undefined {
  for (let i = segments.length - 1; i >= 0; i--) if (segments[i]!.type === type) return segments[i];
  return undefined;
}

/** `Round r/n` (or `Round r`) from a round number and the total when known. */
function roundFooter(round: number, total: number | undefined): string {
  return total === undefined ? `Round ${round}` : `Round ${round}/${total}`;
}

/** A footer from a span's own round or minute: its `currentRound`, else its latest round or minute segment. */
function ownFooter(span: ExecutionSpan): string | undefined {
  const m = span.metrics;
  if (m.currentRound !== undefined) return roundFooter(m.currentRound, m.totalRounds);
  const minute = lastOfType(span.segments, 'minute');
  const round = lastOfType(span.segments, 'round');
  const latest = minute !== undefined && (round === undefined || minute.startTime >= round.startTime) ? minute : round;
  if (latest === undefined) return undefined;
  const n = (latest.index ?? 0) + 1;
  return latest.type === 'minute' ? `Minute ${n}` : roundFooter(n, m.totalRounds);
}

/** Spans by id, built once per snapshot: a history list describes every span of the same one. */
const indexes = new WeakMap<readonly ExecutionSpan[], ReadonlyMap<string, ExecutionSpan>>();
function spansById(snapshot: TrackerSnapshot): ReadonlyMap<string, ExecutionSpan> {
  let byId = indexes.get(snapshot.spans);
  if (byId === undefined) indexes.set(snapshot.spans, (byId = new Map(snapshot.spans.map((s) => [s.id, s]))));
  return byId;
}

/** A footer from the round or minute of an ancestor that was open when the span started. */
function ancestorFooter(span: ExecutionSpan, snapshot: TrackerSnapshot): string | undefined {
  const byId = spansById(snapshot);
  for (
    let p = span.parentSpanId === null ? undefined : byId.get(span.parentSpanId);
    p !== undefined;
    p = p.parentSpanId === null ? undefined : byId.get(p.parentSpanId)
  ) {
    for (let i = p.segments.length - 1; i >= 0; i--) {
      const seg = p.segments[i]!;
      if ((seg.type !== 'round' && seg.type !== 'minute') || seg.startTime > span.startTime) continue;
      if (seg.endTime !== undefined && seg.endTime <= span.startTime) continue;
      const n = (seg.index ?? 0) + 1;
      return seg.type === 'minute' ? `Minute ${n}` : roundFooter(n, p.metrics.totalRounds);
    }
  }
  return undefined;
}

/**
 * A history-list entry for a span (API.md §11): an icon by span type, its label as title, tags
 * such as `21 reps`, `95 lb`, `400 m`, `21-15-9` or a timer's cap (`20:00`), and a footer naming its
 * round (`Round 2/3`) or minute (`Minute 4`). Round and minute numbers are 1-based, from the
 * segment's index. Given the snapshot, a span with no round of its own (an effort inside a round)
 * takes the round or minute of an ancestor that was open when it started.
 */
export function describeSpan(span: ExecutionSpan, snapshot?: TrackerSnapshot): SpanDescription {
  const m = span.metrics;
  const tags = [tag(m.reps), tag(m.weight), tag(m.distance)].filter((t): t is string => t !== undefined && t !== '');
  if (m.repScheme !== undefined && m.repScheme.length > 0) tags.push(m.repScheme.join('-'));
  if (span.timer?.durationMs !== undefined) tags.push(formatDuration(span.timer.durationMs));
  const footer = ownFooter(span) ?? (snapshot === undefined ? undefined : ancestorFooter(span, snapshot));
  const description: SpanDescription = { icon: ICONS[span.type] ?? 'layers', title: span.label, tags };
  if (footer !== undefined) description.footer = footer;
  return Object.freeze({ ...description, tags: Object.freeze(tags) as string[] });
}
