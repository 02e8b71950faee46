import { TrackerError, type ExecutionSpan, type SamplesView, type SampleSeries, type TrackerSnapshot } from 'workout-spans';
import type { SampleStats } from './types';
import { setOwn } from '../model/read-value';
import { endAsOf, type OwnedSegment, type WorkoutTree } from '../model/workout-tree';
import { sampleStats } from './sample-stats';

/** Sample statistics per key: keys set as own properties, so a key named `__proto__` stays a key. */
export type StatsByKey = Record<string, SampleStats>;

export interface SamplesRead {
  /** Over the workout. */
  workout: StatsByKey;
  /** Per round, in the order given; `undefined` for a round no sample fell in. */
  rounds: (StatsByKey | undefined)[];
}

/** The root the tracker stored the workout's samples under: the top of its chain of parents. */
function storedUnder(snapshot: TrackerSnapshot, root: ExecutionSpan): string {
  const byId = new Map(snapshot.spans.map((s) => [s.id, s]));
  const parentOf = (s: ExecutionSpan): ExecutionSpan | undefined => (s.parentSpanId === null ? undefined : byId.get(s.parentSpanId));
  const seen = new Set<ExecutionSpan>([root]);
  let span = root;
  for (let up = parentOf(span); up !== undefined && !seen.has(up); up = parentOf(up)) {
    seen.add(up);
    span = up;
  }
  return span.id;
}

function series(view: SamplesView, root: string, key: string, from: number, to: number): SampleSeries | undefined {
  const s = view.get(root, key, { from, to });
  if (s === undefined) return undefined;
  if (
    s === null ||
    typeof s !== 'object' ||
    typeof s.unit !== 'string' ||
    typeof s.t?.length !== 'number' ||
    typeof s.v?.length !== 'number'
  )
    throw new TrackerError('CORRUPT_DATA', `summarize: the samples view returned no series for '${key}'`, { path: '$.samples' });
  return s;
}

/**
 * The sensor samples of the summarised workout, per key: over the workout's window [start, end]
 * (its end, or `at` while it runs), and per round over [start, end), so that a sample at the
 * instant one round ends and the next starts counts for the later round; the round that ends with
 * the workout keeps its last instant. Samples are stored under the tracker's root span, so a
 * workout inside a session wrapper reads its wrapper's samples within its own window. The view is
 * asked only for the keys and windows needed: the cost follows the samples in the workout.
 */
export function readSamples(snapshot: TrackerSnapshot, tree: WorkoutTree, rounds: readonly OwnedSegment[]): SamplesRead {
  const out: SamplesRead = { workout: {}, rounds: rounds.map(() => undefined) };
  const view = snapshot.samples as SamplesView | undefined;
  if (view === undefined) return out;
  const roots = view.roots();
  if (!Array.isArray(roots) || roots.length === 0) return out;
  const under = storedUnder(snapshot, tree.root);
  if (!roots.includes(under)) return out;
  const keys = view.keys(under);
  if (!Array.isArray(keys)) throw new TrackerError('CORRUPT_DATA', 'summarize: the samples view listed no keys', { path: '$.samples' });
  const { root, at } = tree;
  const end = endAsOf(root, at);
  for (const key of keys) {
    if (typeof key !== 'string') continue;
    const all = series(view, under, key, root.startTime, end);
    const stats = all && sampleStats(all.unit, all.t, all.v, root.startTime, end, true);
    if (stats === undefined) continue;
    setOwn(out.workout, key, stats);
    rounds.forEach(({ segment }, i) => {
      const to = endAsOf(segment, at);
      const part = series(view, under, key, segment.startTime, to);
      const roundStats = part && sampleStats(part.unit, part.t, part.v, segment.startTime, to, to >= end);
      if (roundStats !== undefined) setOwn((out.rounds[i] ??= {}), key, roundStats);
    });
  }
  return out;
}
