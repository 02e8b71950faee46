import type { ExecutionTracker, RecordOptions } from 'workout-spans';
import { recordExercise } from '../model/exercise-of';
import { BlockAction } from './block-action';
import { isPlainObject } from '../model/read-value';
import { isActionBinding, notABinding, trimmed } from './binding';
import type { ActionBinding, IScriptRuntime } from './types';

const OPTION_KEYS: ReadonlySet<string> = new Set(['source', 'exerciseId']);

/** A plain object whose keys are only `source` and `exerciseId`: `recordMetric`'s options. */
function isRecordOptions(value: unknown): value is RecordOptions {
  return isPlainObject(value) && Object.keys(value).every((key) => OPTION_KEYS.has(key));
}

/**
 * Reads `(sourceOrOptions?, binding?)`. With one object argument, its keys say which it is:
 * `{ blockId?, tracker? }` is the binding, `{ source?, exerciseId? }` the options (`{}` is either,
 * and binds nothing). Any other object, or a fifth argument that is not a binding, is a TypeError.
 */
function readArgs(more: readonly unknown[]): { sourceOrOptions: unknown; binding: ActionBinding } {
  const args = trimmed(more);
  if (args.length > 2) throw new TypeError('EmitMetricAction: takes (key, value, unit, sourceOrOptions?, binding?)');
  let [first, binding] = args as [unknown, unknown];
  if (args.length === 2 && !isActionBinding(binding)) throw notABinding('EmitMetricAction');
  if (args.length === 1 && !isRecordOptions(first) && isActionBinding(first)) [first, binding] = [undefined, first];
  if (first !== null && typeof first === 'object' && !isRecordOptions(first)) {
    throw new TypeError(
      'EmitMetricAction: the fourth argument must be a source string or { source?, exerciseId? }, and the binding ' +
        '{ blockId?, tracker? } comes last',
    );
  }
  return { sourceOrOptions: first, binding: (binding as ActionBinding | undefined) ?? {} };
}

/**
 * Records a metric on the target (`tracker.recordMetric`): the bound block key or span id, else the
 * context's current block. No block: does nothing. Otherwise the tracker's rules apply as they do to
 * `recordMetric` (validation, the rest and pause policies on work done, `metric:rejected`, strict
 * or lenient errors). The fourth argument is `recordMetric`'s: a source string or
 * `{ source?, exerciseId? }` (the exercise, when one block holds several).
 *
 * When the context still has an older global collector (`runtime.metrics`), a metric the tracker
 * kept and whose value is a number is also collected there, as
 * `{ exerciseId, values: [{ type: key, value, unit }], timeSpans: [] }`; `exerciseId` is the record's,
 * else its span's, else the span's label. A rejected metric is collected nowhere.
 */
export class EmitMetricAction extends BlockAction {
  readonly metricKey: string;
  readonly value: unknown;
  readonly unit: string;
  /** The fourth argument as given: a source string, `{ source?, exerciseId? }`, or `undefined`. */
  readonly sourceOrOptions: string | RecordOptions | undefined;

  constructor(metricKey: string, value: unknown, unit: string, binding?: ActionBinding);
  constructor(metricKey: string, value: unknown, unit: string, sourceOrOptions?: string | RecordOptions, binding?: ActionBinding);
  constructor(metricKey: string, value: unknown, unit: string, ...more: unknown[]) {
    const { sourceOrOptions, binding } = readArgs(more);
    super(binding, 'EmitMetricAction');
    this.metricKey = metricKey;
    this.value = value;
    this.unit = unit;
    this.sourceOrOptions = sourceOrOptions as string | RecordOptions | undefined;
  }

  /** Where the value came from (a watch, a sensor), if said. */
  get source(): string | undefined {
    const given = this.sourceOrOptions;
    return isRecordOptions(given) ? given.source : given;
  }

  /** The exercise the value belongs to, if said. */
  get exerciseId(): string | undefined {
    const given = this.sourceOrOptions;
    return isRecordOptions(given) ? given.exerciseId : undefined;
  }

  protected act(tracker: ExecutionTracker, target: string, runtime: IScriptRuntime): void {
    const record = tracker.recordMetric(target, this.metricKey, this.value, this.unit, this.sourceOrOptions);
    const collector = runtime?.metrics;
    if (record === undefined || collector == null || typeof this.value !== 'number') return;
    const span = tracker.getSpan(record.spanId);
    collector.collect({
      exerciseId: span === undefined ? (record.exerciseId ?? target) : recordExercise(record, span),
      values: [{ type: this.metricKey, value: this.value, unit: this.unit }],
      timeSpans: [],
    });
  }
}
