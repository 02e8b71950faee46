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
  /** Root spans, in start order. */
  readonly roots = new Map<string, SpanState>();
  /** Spans held that are no longer active. */
  ended = 0;

  readonly #limit: number;
  readonly #onArchive: ArchiveHandler | undefined;
  /** Takes a root's samples out of the tracker's store (they leave with their tree). */
  readonly #takeSamples: (rootId: string) => SamplesView;

  constructor(limit: number, onArchive: ArchiveHandler | undefined, takeSamples: (rootId: string) => SamplesView) {
    this.#limit = limit;
    this.#onArchive = onArchive;
    this.#takeSamples = takeSamples;
  }

  /** Releases the oldest ended trees while too many spans have ended. */
  trim(d: Dispatch): void {
    if (this.ended <= this.#limit) return;
    for (const root of this.roots.values()) {
      if (this.ended <= this.#limit) break;
      if (root.active) continue;
      const spans: ExecutionSpan[] = [];
      const records: { seq: number; record: MetricRecord }[] = [];
      for (const s of subtree(root)) {
        spans.push(s.materialize());
        for (let i = 0; i < s.records.length; i++) records.push({ seq: s.recordSeqs[i]!, record: s.records[i]! });
        d.spanReleased(s);
        this.ended--;
      }
      this.roots.delete(root.id);
      const samples = this.#takeSamples(root.id);
      const onArchive = this.#onArchive;
      if (onArchive === undefined) continue;
      const metrics = records.sort((a, b) => a.seq - b.seq).map((r) => r.record);
      d.outbox.push(() => d.guard('onArchive', () => onArchive(spans, metrics, samples)));
    }
  }
}
