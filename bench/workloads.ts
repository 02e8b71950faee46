/** The workloads every benchmark shares: one full effort span, ours and OpenTelemetry's. */
import type { Tracer } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createTracker, type BlockLike, type ExecutionTracker, type TrackerOptions } from 'workout-spans';

export const EFFORT: BlockLike = { key: 'push-ups', label: 'Push-ups', blockType: 'effort' };

/**
 * One full effort span: startSpan, 3 round segments opened and closed, 5 metrics recorded inside
 * them, endSpan. Returns nothing: the caller decides whether anybody reads the result.
 */
export function fullEffortSpan(tracker: ExecutionTracker, block: BlockLike = EFFORT, parentSpanId: string | null = null): void {
  const key = block.key as string;
  tracker.startSpan(block, parentSpanId);
  tracker.startSegment(key, 'round', 'Round 1', 0);
  tracker.recordMetric(key, 'reps', 10, 'reps');
  tracker.recordMetric(key, 'weight', 20, 'kg');
  tracker.endSegment(key);
  tracker.startSegment(key, 'round', 'Round 2', 1);
  tracker.recordMetric(key, 'reps', 8, 'reps');
  tracker.recordMetric(key, 'heartRate', 142, 'bpm');
  tracker.endSegment(key);
  tracker.startSegment(key, 'round', 'Round 3', 2);
  tracker.recordMetric(key, 'calories', 12.5, 'kcal');
  tracker.endSegment(key);
  tracker.endSpan(key);
}

/** A tracker with one subscriber, as a UI would have. */
export function subscribedTracker(options: TrackerOptions = {}): ExecutionTracker {
  const tracker = createTracker(options);
  tracker.subscribe(() => {});
  return tracker;
}

export interface Otel {
  tracer: Tracer;
  exporter: InMemorySpanExporter;
}

/** OpenTelemetry's SDK as the issue names it: BasicTracerProvider + SimpleSpanProcessor + InMemorySpanExporter. */
export function otelSdk(): Otel {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { tracer: provider.getTracer('bench'), exporter };
}

/** OpenTelemetry's counterpart of `fullEffortSpan`: one span, 5 attributes, 3 events. */
export function otelSpan(tracer: Tracer): void {
  const span = tracer.startSpan('Push-ups');
  span.addEvent('Round 1');
  span.setAttribute('reps', 10);
  span.setAttribute('weight', 20);
  span.addEvent('Round 2');
  span.setAttribute('reps.2', 8);
  span.setAttribute('heartRate', 142);
  span.addEvent('Round 3');
  span.setAttribute('calories', 12.5);
  span.end();
}
