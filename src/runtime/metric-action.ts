import { BlockAction } from './block-action';
import { splitTarget } from './target';
import type { ActionTarget, IScriptRuntime } from './types';

/**
 * Records a metric on the current block, or on the block named by the last `{ blockId }` argument
 * (API.md §10). No block: does nothing. Otherwise the tracker's rules apply as for `recordMetric`
 * (validation, rest/pause policy, `metric:rejected`, strict or lenient errors).
 *
 * When the runtime still has an older global collector (`runtime.metrics`), a metric the tracker
 * kept and whose value is a number is also collected there, as
 * `{ exerciseId, values: [{ type: key, value, unit }], timeSpans: [] }`; `exerciseId` is the span's
 * `metrics.exerciseId`, else its label (the block's label). A rejected metric is collected nowhere.
 */
export class EmitMetricAction extends BlockAction {
  readonly metricKey: string;
  readonly value: unknown;
  readonly unit: string;
  readonly source: string | undefined;

  constructor(metricKey: string, value: unknown, unit: string, target?: ActionTarget);
  constructor(metricKey: string, value: unknown, unit: string, source?: string, target?: ActionTarget);
  constructor(metricKey: string, value: unknown, unit: string, ...more: unknown[]) {
    const { rest, blockId } = splitTarget<[string?]>(more, 'EmitMetricAction');
    super(blockId);
    this.metricKey = metricKey;
    this.value = value;
    this.unit = unit;
    this.source = rest[0];
  }

  protected act(runtime: IScriptRuntime, blockId: string): void {
    const tracker = runtime.executionTracker;
    const record = tracker.recordMetric(blockId, this.metricKey, this.value, this.unit, this.source);
    const collector = runtime.metrics;
    if (record === undefined || collector == null || typeof this.value !== 'number') return;
    const span = tracker.getSpan(record.spanId);
    collector.collect({
      exerciseId: span?.metrics.exerciseId ?? span?.label ?? blockId,
      values: [{ type: this.metricKey, value: this.value, unit: this.unit }],
      timeSpans: [],
    });
  }
}
