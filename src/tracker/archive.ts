import type { ExecutionSpan, MetricRecord, SamplesView } from '../model/types';
import type { Dispatch } from './dispatch';
import type { SpanState } from './span-state';
import { subtree } from './span-tree';

export type ArchiveHandler = (spans: ExecutionSpan[], metrics: MetricRecord[], samples: SamplesView) => void;

/**
 * Long workouts: once more spans have ended than the limit allows, the oldest root trees whose root
 * has ended are handed, whole, to `onArchive` (parents first, records in record order, with the
 * root's samples) and released. Active spans are never archived, nor the ended spans of a tree whose
 * root is still active. The cost follows what is archived, not what is held.
 */
export class Archive {
  /** Root spans, in start order (kept only when there is a limit: nothing is archived without one). */
  readonly #roots = new Map<string, SpanState>();

  readonly #limit: number;
  readonly #onArchive: ArchiveHandler | undefined;
  /** Takes a root's samples out of the tracker's store (they leave with their tree). */
  readonly #takeSamples: (rootId: string) => SamplesView;

  constructor(limit: number, onArchive: ArchiveHandler | undefined, takeSamples: (rootId: string) => SamplesView) {
    this.#limit = limit;
    this.#onArchive = onArchive;
    this.#takeSamples = takeSamples;
  }

  /** A root span was added. */
  addRoot(state: SpanState): void {
    if (this.#limit !== Infinity) this.#roots.set(state.id, state);
  }

  /** Releases the oldest ended trees while more than the limit of the spans held have ended (`ended`). */
  trim(d: Dispatch, ended: number): void {
    if (ended <= this.#limit) return;
    for (const root of this.#roots.values()) {
      if (ended <= this.#limit) break;
      if (root.active) continue;
      const spans: ExecutionSpan[] = [];
      const records: { seq: number; record: MetricRecord }[] = [];
      const onArchive = this.#onArchive;
      for (const s of subtree(root)) {
        // Nobody to hand them to: the frozen records are not built.
        if (onArchive !== undefined) {
          spans.push(s.materialize());
          for (let k = 0; k < s.recordCount; k++) records.push({ seq: s.recordSeq(k), record: s.recordAt(k)! });
        }
        d.spanReleased(s);
        ended--;
      }
      this.#roots.delete(root.id);
      const samples = this.#takeSamples(root.id);
      if (onArchive === undefined) continue;
      const metrics = records.sort((a, b) => a.seq - b.seq).map((r) => r.record);
      d.outbox.push(() => d.guard('onArchive', () => onArchive(spans, metrics, samples)));
    }
  }
}
