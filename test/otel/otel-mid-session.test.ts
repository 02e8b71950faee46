import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock, createTracker, type ExecutionTracker, type ManualClock } from 'workout-spans';
import { createOtelProcessor } from 'workout-spans/otel';
import { numRuns, seed, timeout } from '../hardening/runs';

/**
 * A processor added while a workout runs: children of spans it never saw are linked to their
 * parent's trace, never a trace of their own. With the tracker given, the tree is exact.
 */

const T0 = 1_700_000_000_000;
const ms = (t: [number, number]): number => t[0] * 1000 + t[1] / 1e6;

let exporter: InMemorySpanExporter;
let provider: BasicTracerProvider;
let clock: ManualClock;
let tracker: ExecutionTracker;

beforeEach(() => {
  exporter = new InMemorySpanExporter();
  provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  clock = createManualClock(T0);
  tracker = createTracker({ clock, strict: true });
});

afterEach(async () => {
  await provider.shutdown();
});

const finished = (): ReadableSpan[] => exporter.getFinishedSpans();
const byName = (name: string): ReadableSpan => {
  const found = finished().filter((s) => s.name === name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
};
const traceOf = (s: ReadableSpan): string => s.spanContext().traceId;

/** Workout > Rounds running; the processor added; then Thrusters, Pull-ups under Rounds and Cool-down under Workout. */
function lateSession(options: { withTracker: boolean; firstSight: 'start' | 'metric' }): void {
  tracker.startSpan({ key: 'w', label: 'Workout', blockType: 'timer' });
  clock.advance(1_000);
  tracker.startSpan({ key: 'r', label: 'Rounds', blockType: 'rounds' });
  clock.advance(1_000);
  if (options.firstSight === 'metric') {
    tracker.startSpan({ key: 'thr', label: 'Thrusters', blockType: 'effort' });
    clock.advance(1_000);
  }
  tracker.addProcessor(createOtelProcessor(provider.getTracer('late'), options.withTracker ? { tracker } : {}));
  if (options.firstSight === 'start') tracker.startSpan({ key: 'thr', label: 'Thrusters', blockType: 'effort' });
  clock.advance(1_000);
  tracker.recordMetric('thr', 'reps', 21, 'reps');
  tracker.endSpan('thr');
  tracker.startSpan({ key: 'pull', label: 'Pull-ups', blockType: 'effort' });
  clock.advance(1_000);
  tracker.endSpan('pull');
  tracker.endSpan('r');
  tracker.startSpan({ key: 'cool', label: 'Cool-down', blockType: 'effort' });
  clock.advance(1_000);
  tracker.endSpan('w');
}

describe('an OTel processor added mid-session', () => {
  it('with the tracker: mirrors the unseen ancestors first, from their own start, so the tree is exact', () => {
    lateSession({ withTracker: true, firstSight: 'start' });
    const [w, r, thr, pull, cool] = ['Workout', 'Rounds', 'Thrusters', 'Pull-ups', 'Cool-down'].map(byName) as ReadableSpan[];
    expect(finished()).toHaveLength(5);
    expect(new Set(finished().map(traceOf)).size).toBe(1);
    expect(w!.parentSpanContext).toBeUndefined();
    expect(r!.parentSpanContext?.spanId).toBe(w!.spanContext().spanId);
    expect(thr!.parentSpanContext?.spanId).toBe(r!.spanContext().spanId);
    expect(pull!.parentSpanContext?.spanId).toBe(r!.spanContext().spanId);
    expect(cool!.parentSpanContext?.spanId).toBe(w!.spanContext().spanId);
    expect([ms(w!.startTime), ms(r!.startTime)]).toEqual([T0, T0 + 1_000]);
    expect(ms(w!.endTime)).toBe(T0 + 5_000);
    expect(w!.attributes['workout.span.stand_in_id']).toBeUndefined();
  });

  it('with the tracker: a span first seen through a record gets its ancestors first too', () => {
    lateSession({ withTracker: true, firstSight: 'metric' });
    const [w, r, thr] = ['Workout', 'Rounds', 'Thrusters'].map(byName) as ReadableSpan[];
    expect(new Set(finished().map(traceOf)).size).toBe(1);
    expect(thr!.parentSpanContext?.spanId).toBe(r!.spanContext().spanId);
    expect(r!.parentSpanContext?.spanId).toBe(w!.spanContext().spanId);
    expect(ms(thr!.startTime)).toBe(T0 + 2_000);
  });

  for (const firstSight of ['start', 'metric'] as const) {
    it(`without the tracker (first sight: ${firstSight}): every span joins one trace, under stand-ins for the unseen`, () => {
      lateSession({ withTracker: false, firstSight });
      const spans = finished();
      expect(spans).toHaveLength(5);
      expect(new Set(spans.map(traceOf)).size).toBe(1);
      const [w, r, thr, pull, cool] = ['Workout', 'Rounds', 'Thrusters', 'Pull-ups', 'Cool-down'].map(byName) as ReadableSpan[];
      // Children of unseen spans name the stand-in, which the parent records when it is mirrored.
      expect(thr!.parentSpanContext?.spanId).toBe(r!.attributes['workout.span.stand_in_id']);
      expect(pull!.parentSpanContext?.spanId).toBe(r!.attributes['workout.span.stand_in_id']);
      expect(cool!.parentSpanContext?.spanId).toBe(w!.attributes['workout.span.stand_in_id']);
      expect(r!.parentSpanContext?.spanId).toBe(w!.attributes['workout.span.stand_in_id']);
      // Each span keeps its own times.
      expect([ms(w!.startTime), ms(r!.startTime), ms(w!.endTime)]).toEqual([
        T0,
        T0 + 1_000,
        T0 + (firstSight === 'metric' ? 6_000 : 5_000),
      ]);
    });
  }

  it('without the tracker: the next workout, seen from its start, is exact and a trace of its own', () => {
    lateSession({ withTracker: false, firstSight: 'start' });
    tracker.startSpan({ key: 'again', label: 'Again' });
    tracker.startSpan({ key: 'inner', label: 'Inner' });
    tracker.endSpan('again');
    expect(byName('Inner').parentSpanContext?.spanId).toBe(byName('Again').spanContext().spanId);
    expect(traceOf(byName('Again'))).not.toBe(traceOf(byName('Workout')));
  });

  it('a span added before the processor still ends once, and shutdown ends what stays open', () => {
    tracker.startSpan({ key: 'w', label: 'Workout' });
    tracker.startSpan({ key: 'a', label: 'A' });
    const remove = tracker.addProcessor(createOtelProcessor(provider.getTracer('late')));
    tracker.startSpan({ key: 'b', label: 'B' });
    clock.advance(2_000);
    remove();
    expect(finished().map((s) => s.name)).toEqual(['B']);
    expect(byName('B').attributes['workout.span.unfinished']).toBe(true);
    expect(byName('B').parentSpanContext).toBeDefined();
  });

  it(
    'property: added at any point of any session, with the tracker the trace is the tracker tree; without it no child is a root',
    () => {
      // A session: a list of steps on a stack of open spans; the processor is added after step `at`.
      const stepArb = fc.oneof(
        { weight: 3, arbitrary: fc.constant('open' as const) },
        { weight: 2, arbitrary: fc.constant('close' as const) },
        { weight: 1, arbitrary: fc.constant('metric' as const) },
        { weight: 1, arbitrary: fc.constant('segment' as const) },
      );
      fc.assert(
        fc.property(fc.array(stepArb, { maxLength: 40 }), fc.nat(40), fc.boolean(), (steps, at, withTracker) => {
          const e = new InMemorySpanExporter();
          const p = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(e)] });
          const c = createManualClock(T0);
          const t = createTracker({ clock: c, strict: true });
          const stack: string[] = [];
          const ids: string[] = [];
          let n = 0;
          steps.forEach((step, i) => {
            if (i === at) t.addProcessor(createOtelProcessor(p.getTracer('p'), withTracker ? { tracker: t } : {}));
            c.advance(100);
            if (step === 'open' || stack.length === 0) {
              const key = `k${n++}`;
              ids.push(t.startSpan({ key, label: key }, stack.length === 0 ? null : ids[ids.length - 1]!)!.id);
              stack.push(key);
            } else if (step === 'close') {
              t.endSpan(stack.pop()!);
              ids.pop();
            } else if (step === 'metric') {
              t.recordMetric(stack[stack.length - 1]!, 'reps', 1, 'reps');
            } else {
              t.startSegment(stack[stack.length - 1]!, 'round', 'Round', 0);
            }
          });
          if (at >= steps.length) t.addProcessor(createOtelProcessor(p.getTracer('p'), withTracker ? { tracker: t } : {}));
          while (stack.length > 0) t.endSpan(stack.pop()!);
          const exported = e.getFinishedSpans();
          const byId = new Map(exported.map((s) => [s.attributes['workout.span.id'] as string, s]));
          for (const s of exported) {
            const span = t.getSpan(s.attributes['workout.span.id'] as string)!;
            if (span.parentSpanId === null) {
              if (withTracker) expect(s.parentSpanContext).toBeUndefined();
              continue;
            }
            // A child is never the root of a trace of its own.
            expect(s.parentSpanContext).toBeDefined();
            if (withTracker) {
              const parent = byId.get(span.parentSpanId)!;
              expect(parent).toBeDefined();
              expect(s.parentSpanContext!.spanId).toBe(parent.spanContext().spanId);
              expect(traceOf(s)).toBe(traceOf(parent));
            }
          }
        }),
        { numRuns: numRuns(200), ...seed() },
      );
    },
    timeout(),
  );
});
