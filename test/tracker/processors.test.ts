import { describe, expect, it } from 'vitest';
import type { ExecutionSpan, MetricRecord, SpanProcessor, TimeSegment, TrackerError } from 'workout-spans';
import { makeTracker } from '../helpers';

/** A processor that writes down every call as a short line. */
function recorder(name = 'p', log: string[] = []) {
  const seg = (s: TimeSegment, span: ExecutionSpan): string =>
    `${name} segment ${span.blockId}/${s.label} ${s.endTime === undefined ? 'open' : 'closed'}`;
  const processor: Required<SpanProcessor> = {
    onStart: (span) => void log.push(`${name} start ${span.blockId}`),
    onEnd: (span) => void log.push(`${name} end ${span.blockId} ${span.status}`),
    onMetric: (record, span) => void log.push(`${name} metric ${span.blockId} ${record.key}=${String(record.value)}`),
    onSegment: (s, span) => void log.push(seg(s, span)),
    shutdown: () => void log.push(`${name} shutdown`),
  };
  return { processor, log };
}

/** The same small workout every test drives. */
function drive(tracker: ReturnType<typeof makeTracker>['tracker'], clock: ReturnType<typeof makeTracker>['clock']): void {
  tracker.startSpan({ key: 'root', label: 'Root', blockType: 'amrap' });
  tracker.startSegment('root', 'round', 'Round 1', 0);
  tracker.startSpan({ key: 'set', label: 'Set', blockType: 'effort' });
  clock.advance(1000);
  tracker.recordMetric('set', 'reps', 5, 'reps');
  tracker.pause();
  clock.advance(1000);
  tracker.resume();
  tracker.endSpan('set');
  tracker.startRest('root', { durationMs: 500 });
  clock.advance(500);
  tracker.endRest('root');
  tracker.endSpan('root');
}

const EXPECTED = [
  'p start root',
  'p segment root/Round 1 open',
  'p start set',
  'p metric set reps=5',
  'p segment root/Paused open',
  'p segment set/Paused open',
  'p segment root/Paused closed',
  'p segment set/Paused closed',
  'p end set completed',
  'p segment root/Rest open',
  'p segment root/Rest closed',
  'p segment root/Round 1 closed',
  'p end root completed',
];

describe('processors', () => {
  it('hear onStart, onSegment (open and close), onMetric and onEnd in the order things happen', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    const { processor, log } = recorder();
    tracker.addProcessor(processor);
    drive(tracker, clock);
    expect(log).toEqual(EXPECTED);
  });

  it('are called after the change is in the tracker and in memory', () => {
    const { tracker } = makeTracker({ strict: true });
    const seen: string[] = [];
    const inMemory = (id: string): boolean => tracker.memory.search({ id }).length === 1;
    tracker.addProcessor({
      onStart: (span) => {
        expect(tracker.getSpan(span.id)).toBeDefined();
        expect(inMemory(span.id)).toBe(true);
        expect(tracker.getSnapshot().active.map((s) => s.id)).toContain(span.id);
        seen.push('start');
      },
      onMetric: (record: MetricRecord, span) => {
        expect(tracker.getMetrics(span.id)).toContain(record);
        expect(inMemory(record.id)).toBe(true);
        expect(span.metrics.reps?.value).toBe(7);
        seen.push('metric');
      },
      onSegment: (segment, span) => {
        expect(tracker.getSpan(span.id)!.segments.find((s) => s.id === segment.id)).toEqual(segment);
        seen.push('segment');
      },
      onEnd: (span) => {
        expect(tracker.getSpan(span.id)!.status).toBe('completed');
        expect(tracker.getSnapshot().completed.map((s) => s.id)).toContain(span.id);
        seen.push('end');
      },
    });
    tracker.startSpan({ key: 'a', label: 'A' });
    tracker.recordMetric('a', 'reps', 7, 'reps');
    tracker.startSegment('a', 'work', 'Work');
    tracker.endSpan('a');
    expect(seen).toEqual(['start', 'metric', 'segment', 'segment', 'end']);
  });

  it('hand out the frozen records the tracker holds', () => {
    const { tracker } = makeTracker();
    let got: { span?: ExecutionSpan; record?: MetricRecord } = {};
    tracker.addProcessor({ onMetric: (record, span) => void (got = { record, span }) });
    tracker.startSpan({ key: 'a', label: 'A' });
    const record = tracker.recordMetric('a', 'reps', 3, 'reps');
    expect(got.record).toBe(record);
    expect(Object.isFrozen(got.span)).toBe(true);
    expect(Object.isFrozen(got.record)).toBe(true);
  });

  it('hear nothing of a rejected metric or a refused call', () => {
    const { tracker } = makeTracker();
    const { processor, log } = recorder();
    tracker.addProcessor(processor);
    tracker.recordMetric('nobody', 'reps', 1, 'reps');
    tracker.startSpan({ key: 'a', label: 'A' });
    tracker.recordMetric('a', 'reps', -1, 'reps');
    tracker.startRest('a');
    tracker.recordMetric('a', 'reps', 1, 'reps');
    tracker.endSegment('a', 'nope');
    expect(log).toEqual(['p start a', 'p segment a/Rest open']);
  });

  describe('isolation', () => {
    for (const strict of [false, true]) {
      it(`a throwing processor is reported as HANDLER_FAILED and stops neither the others nor the tracker (strict: ${strict})`, () => {
        const onError: TrackerError[] = [];
        const { tracker, clock, errors } = makeTracker({ strict, onError: (e) => onError.push(e) });
        const boom = new Error('boom');
        const thrower: SpanProcessor = {
          onStart: () => {
            throw boom;
          },
          onEnd: () => {
            throw boom;
          },
          onMetric: () => {
            throw boom;
          },
          onSegment: () => {
            throw 'a string';
          },
        };
        const before = recorder('before');
        const after = recorder('after');
        tracker.addProcessor(before.processor);
        tracker.addProcessor(thrower);
        tracker.addProcessor(after.processor);
        expect(() => drive(tracker, clock)).not.toThrow();
        const strip = (lines: string[], name: string): string[] => lines.map((l) => l.replace(new RegExp(`^${name} `), 'p '));
        expect(strip(before.log, 'before')).toEqual(EXPECTED);
        expect(strip(after.log, 'after')).toEqual(EXPECTED);
        // One error per throwing call: 2 starts, 2 ends, 1 metric, 8 segment calls.
        expect(errors).toHaveLength(13);
        expect(onError).toHaveLength(13);
        for (const e of errors) {
          expect(e.code).toBe('HANDLER_FAILED');
          expect(e.details.where).toBe('processor');
        }
        expect(errors.filter((e) => e.details.cause === boom)).toHaveLength(5);
        expect(errors.filter((e) => e.details.cause === 'a string')).toHaveLength(8);
        // The tracker carries on: the workout is whole.
        const root = tracker.getSpans({ parentSpanId: null })[0]!;
        expect(root.status).toBe('completed');
        expect(tracker.totals(root.id)).toMatchObject({ totalMs: 2500, pausedMs: 1000, restMs: 500 });
        expect(tracker.getSnapshot().metrics).toHaveLength(1);
      });
    }

    it('an error handler that throws while a processor failure is reported changes nothing either', () => {
      const { tracker } = makeTracker();
      tracker.on('error', () => {
        throw new Error('handler too');
      });
      const { processor, log } = recorder();
      tracker.addProcessor({
        onStart: () => {
          throw new Error('x');
        },
      });
      tracker.addProcessor(processor);
      expect(() => tracker.startSpan({ key: 'a', label: 'A' })).not.toThrow();
      expect(log).toEqual(['p start a']);
      expect(tracker.getActiveSpan('a')).toBeDefined();
    });
  });

  describe('batch()', () => {
    it('delivers to processors once, after it, in order; subscribers hear of it once', () => {
      const { tracker, clock } = makeTracker({ strict: true });
      const { processor, log } = recorder();
      let notified = 0;
      tracker.subscribe(() => notified++);
      tracker.addProcessor(processor);
      const result = tracker.batch(() => {
        drive(tracker, clock);
        expect(log).toEqual([]);
        expect(notified).toBe(0);
        return 'done';
      });
      expect(result).toBe('done');
      expect(log).toEqual(EXPECTED);
      expect(notified).toBe(1);
    });

    it('nested batches deliver once, when the outermost ends', () => {
      const { tracker } = makeTracker({ strict: true });
      const { processor, log } = recorder();
      tracker.addProcessor(processor);
      tracker.batch(() => {
        tracker.startSpan({ key: 'a', label: 'A' });
        tracker.batch(() => tracker.recordMetric('a', 'reps', 1, 'reps'));
        expect(log).toEqual([]);
        tracker.endSpan('a');
      });
      expect(log).toEqual(['p start a', 'p metric a reps=1', 'p end a completed']);
    });

    it('a batch that throws still delivers what happened before the throw, once', () => {
      const { tracker } = makeTracker({ strict: true });
      const { processor, log } = recorder();
      tracker.addProcessor(processor);
      expect(() =>
        tracker.batch(() => {
          tracker.startSpan({ key: 'a', label: 'A' });
          throw new Error('runtime bug');
        }),
      ).toThrow('runtime bug');
      expect(log).toEqual(['p start a']);
      tracker.endSpan('a');
      expect(log).toEqual(['p start a', 'p end a completed']);
    });

    it('processor calls are made with the span as it was when the change happened', () => {
      const { tracker } = makeTracker({ strict: true });
      const statuses: string[] = [];
      tracker.addProcessor({
        onStart: (s) => void statuses.push(`start:${s.status}`),
        onEnd: (s) => void statuses.push(`end:${s.status}`),
      });
      tracker.batch(() => {
        tracker.startSpan({ key: 'a', label: 'A' });
        tracker.endSpan('a', 'skipped');
      });
      expect(statuses).toEqual(['start:active', 'end:skipped']);
    });
  });

  describe('remove()', () => {
    it('calls shutdown once and stops delivery', () => {
      const { tracker } = makeTracker({ strict: true });
      const { processor, log } = recorder();
      const remove = tracker.addProcessor(processor);
      expect(tracker.stats().processors).toBe(1);
      tracker.startSpan({ key: 'a', label: 'A' });
      remove();
      remove();
      expect(tracker.stats().processors).toBe(0);
      tracker.recordMetric('a', 'reps', 1, 'reps');
      tracker.endSpan('a');
      expect(log).toEqual(['p start a', 'p shutdown']);
    });

    it('a processor removed inside a batch hears nothing more, not even what the batch did before', () => {
      const { tracker } = makeTracker({ strict: true });
      const { processor, log } = recorder();
      const remove = tracker.addProcessor(processor);
      tracker.batch(() => {
        tracker.startSpan({ key: 'a', label: 'A' });
        remove();
      });
      expect(log).toEqual(['p shutdown']);
    });

    it('a processor removed by another during a delivery hears nothing after its shutdown', () => {
      const { tracker } = makeTracker({ strict: true });
      const second = recorder('second');
      let removeSecond = (): void => {};
      tracker.addProcessor({ onStart: () => removeSecond() });
      removeSecond = tracker.addProcessor(second.processor);
      tracker.startSpan({ key: 'a', label: 'A' });
      tracker.endSpan('a');
      expect(second.log).toEqual(['second shutdown']);
    });

    it('a shutdown that throws is reported as HANDLER_FAILED', () => {
      const { tracker, errors } = makeTracker();
      const remove = tracker.addProcessor({
        shutdown: () => {
          throw new Error('no');
        },
      });
      expect(() => remove()).not.toThrow();
      expect(errors.map((e) => e.code)).toEqual(['HANDLER_FAILED']);
    });

    it('addProcessor refuses what is not an object', () => {
      const { tracker } = makeTracker();
      expect(() => tracker.addProcessor(null as never)).toThrow(TypeError);
    });
  });
});
