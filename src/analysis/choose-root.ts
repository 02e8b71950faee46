import { TrackerError, type ExecutionSpan, type TrackerSnapshot } from 'workout-spans';
import { workoutRoot } from '../model/workout-tree';

/**
 * The span a summary is about: `rootSpanId` as given (a RangeError when the snapshot has no such
 * span), else the workout the snapshot holds (`workoutRoot`: the first root, then down through
 * session wrappers). `undefined` for a snapshot with no span, which summarises as empty. Spans that
 * all have their parent in the snapshot (parents in a cycle) have no root: `CORRUPT_DATA`.
 */
export function chooseRoot(snapshot: TrackerSnapshot, rootSpanId: string | undefined): ExecutionSpan | undefined {
  if (rootSpanId !== undefined) {
    const span = snapshot.spans.find((s) => s.id === rootSpanId);
    if (span === undefined) throw new RangeError(`summarize: no span '${rootSpanId}' in the snapshot`);
    return span;
  }
  if (snapshot.spans.length === 0) return undefined;
  const root = workoutRoot(snapshot.spans);
  if (root === undefined)
    throw new TrackerError('CORRUPT_DATA', 'summarize: no root span (every parent is in the snapshot)', { path: '$.spans' });
  return root;
}
