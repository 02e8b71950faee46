import { describe, expect, it } from 'vitest';
import { createManualClock, createTracker, TrackerError, type ExecutionTracker, type TrackerErrorCode } from 'workout-spans';
import { deserialize } from 'workout-spans/persistence';
import { T0 } from '../../examples/workouts/fran';

type Call = [name: string, code: TrackerErrorCode, call: (t: ExecutionTracker) => unknown];

const calls: Call[] = [
  ['reps NaN', 'INVALID_METRIC', (t) => t.recordMetric('b', 'reps', Number.NaN, 'reps')],
  ['reps -1', 'INVALID_METRIC', (t) => t.recordMetric('b', 'reps', -1, 'reps')],
  ["reps with unit ''", 'INVALID_METRIC', (t) => t.recordMetric('b', 'reps', 5, '')],
  ['currentRound 0', 'INVALID_METRIC', (t) => t.recordMetric('b', 'currentRound', 0, 'round')],
  ['currentRound 1.5', 'INVALID_METRIC', (t) => t.recordMetric('b', 'currentRound', 1.5, 'round')],
  ["startSpan key ''", 'INVALID_BLOCK', (t) => t.startSpan({ key: '', label: 'x' })],
  ["recordMetric on 'nope'", 'NO_ACTIVE_SPAN', (t) => t.recordMetric('nope', 'reps', 1, 'reps')],
  ["endSpan('nope')", 'NO_ACTIVE_SPAN', (t) => t.endSpan('nope')],
  ['startSpan twice with one key', 'SPAN_ALREADY_ACTIVE', (t) => t.startSpan({ key: 'b', label: 'again' })],
  ['pause() twice', 'ALREADY_PAUSED', (t) => t.pause()],
  ['resume() when running', 'NOT_PAUSED', (t) => t.resume()],
  ['endRest with no rest open', 'NOT_RESTING', (t) => t.endRest('b')],
];

/** A tracker with one active span 'b'; `paused` to make pause() the second pause. */
function setUp(strict: boolean, paused: boolean) {
  const clock = createManualClock(T0);
  const errors: TrackerError[] = [];
  const onError: TrackerError[] = [];
  const tracker = createTracker({ clock, strict, onError: (e) => onError.push(e) });
  tracker.on('error', (e) => errors.push(e));
  tracker.startSpan({ key: 'b', label: 'Block', blockType: 'effort' });
  tracker.recordMetric('b', 'reps', 3, 'reps');
  if (paused) tracker.pause();
  clock.advance(1000);
  return { tracker, errors, onError };
}

describe('S6 bad input changes nothing', () => {
  describe.each([true, false])('strict: %s', (strict) => {
    it.each(calls)('%s → %s', (name, code, call) => {
      const { tracker, errors, onError } = setUp(strict, name === 'pause() twice');
      const before = tracker.getSnapshot();
      const json = JSON.stringify(before);
      if (strict) {
        let thrown: unknown;
        try {
          call(tracker);
        } catch (e) {
          thrown = e;
        }
        expect(thrown).toBeInstanceOf(TrackerError);
        expect((thrown as TrackerError).code).toBe(code);
        expect(errors).toEqual([]);
      } else {
        expect(call(tracker)).toBeUndefined();
        expect(errors.map((e) => e.code)).toEqual([code]);
        expect(onError.map((e) => e.code)).toEqual([code]);
      }
      expect(tracker.getSnapshot()).toBe(before);
      expect(JSON.stringify(tracker.getSnapshot())).toBe(json);
    });
  });

  it('reports a throwing subscriber and still runs the next one', () => {
    const { tracker, errors } = setUp(true, false);
    const heard: string[] = [];
    tracker.subscribe(() => {
      throw new Error('boom');
    });
    tracker.subscribe(() => heard.push('second'));
    tracker.recordMetric('b', 'reps', 4, 'reps');
    expect(heard).toEqual(['second']);
    expect(errors.map((e) => e.code)).toEqual(['HANDLER_FAILED']);
    expect((errors[0]!.details.cause as Error).message).toBe('boom');
  });

  it('reports a throwing event handler and still runs the next one, in strict mode too', () => {
    const { tracker, errors } = setUp(true, false);
    const heard: number[] = [];
    tracker.on('metric:recorded', () => {
      throw new Error('handler');
    });
    tracker.on('metric:recorded', (e) => heard.push(e.record.value as number));
    expect(tracker.recordMetric('b', 'reps', 4, 'reps')?.value).toBe(4);
    expect(heard).toEqual([4]);
    expect(errors.map((e) => e.code)).toEqual(['HANDLER_FAILED']);
  });
});

describe('S6 bad documents', () => {
  it.each([
    ["deserialize('{')", '{', 'CORRUPT_DATA'],
    [
      'a document of version 99',
      JSON.stringify({ format: 'workout-spans', version: 99, savedAt: T0, spans: [], metrics: [] }),
      'UNSUPPORTED_VERSION',
    ],
  ] as const)('%s → %s', (_name, json, code) => {
    let thrown: unknown;
    try {
      deserialize(json);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(TrackerError);
    expect((thrown as TrackerError).code).toBe(code);
  });
});
