import { describe, expect, it } from 'vitest';
import { codeOf, makeTracker, T0 } from '../helpers';

describe('segments', () => {
  it('closes an open segment of the same type first (Round 2 closes Round 1)', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    const events: string[] = [];
    tracker.on('segment:started', ({ segment }) => events.push(`+${segment.label}`));
    tracker.on('segment:ended', ({ segment }) => events.push(`-${segment.label}`));
    tracker.startSpan({ key: 'r', label: 'R' });
    tracker.startSegment('r', 'round', 'Round 1', 0);
    tracker.startSegment('r', 'work', 'Work');
    clock.advance(1000);
    tracker.startSegment('r', 'round', 'Round 2', 1);
    expect(events).toEqual(['+Round 1', '+Work', '-Round 1', '+Round 2']);
    const segs = tracker.getActiveSpan('r')!.segments;
    expect(segs.map((s) => [s.label, s.startTime - T0, s.endTime === undefined ? null : s.endTime - T0])).toEqual([
      ['Round 1', 0, 1000],
      ['Work', 0, null],
      ['Round 2', 1000, null],
    ]);
    expect(segs[0]!.parentSpanId).toBe(tracker.getActiveSpan('r')!.id);
  });

  it('ends the most recently opened open segment that is not a pause, or the one named', () => {
    const { tracker } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'r', label: 'R' });
    const round = tracker.startSegment('r', 'round', 'Round 1')!;
    tracker.startSegment('r', 'work', 'Work');
    tracker.pause();
    expect(tracker.endSegment('r')!.label).toBe('Work');
    expect(tracker.endSegment('r', round.id)!.endTime).toBeDefined();
    expect(codeOf(() => tracker.endSegment('r'))).toBe('SEGMENT_NOT_FOUND');
  });

  it('refuses unknown or closed segment ids, pause segments, bad types, labels and indexes', () => {
    const { tracker } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'r', label: 'R' });
    const seg = tracker.startSegment('r', 'work', 'W')!;
    tracker.endSegment('r', seg.id);
    expect(codeOf(() => tracker.endSegment('r', seg.id))).toBe('SEGMENT_NOT_FOUND');
    expect(codeOf(() => tracker.endSegment('r', 'nope'))).toBe('SEGMENT_NOT_FOUND');
    expect(codeOf(() => tracker.startSegment('r', 'pause', 'P'))).toBe('INVALID_SEGMENT');
    expect(codeOf(() => tracker.startSegment('r', 'lap' as never, 'P'))).toBe('INVALID_SEGMENT');
    expect(codeOf(() => tracker.startSegment('r', 'round', 7 as never))).toBe('INVALID_SEGMENT');
    expect(codeOf(() => tracker.startSegment('r', 'round', 'R', -1))).toBe('INVALID_SEGMENT');
    expect(codeOf(() => tracker.startSegment('r', 'round', 'R', 0.5))).toBe('INVALID_SEGMENT');
    expect(codeOf(() => tracker.startSegment('nope', 'round', 'R'))).toBe('NO_ACTIVE_SPAN');
    tracker.pause();
    const pauseId = tracker.getActiveSpan('r')!.segments.find((s) => s.type === 'pause')!.id;
    expect(codeOf(() => tracker.endSegment('r', pauseId))).toBe('INVALID_SEGMENT');
  });
});

describe('rest', () => {
  it('switches the span and its active descendants to rest and back', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    const heard: string[] = [];
    tracker.on('rest:started', ({ segment }) => heard.push(`rest+${segment.plannedMs}`));
    tracker.on('rest:stopped', ({ segment }) => heard.push(`rest-${segment.endTime! - segment.startTime}`));
    tracker.startSpan({ key: 'root', label: 'Root', blockType: 'interval' });
    tracker.startSpan({ key: 'child', label: 'Child' });
    clock.advance(1000);
    const rest = tracker.startRest('root', { durationMs: 30_000 })!;
    expect(rest).toMatchObject({ type: 'rest', label: 'Rest', plannedMs: 30_000, startTime: T0 + 1000 });
    expect(tracker.isInRestPeriod('root')).toBe(true);
    expect(tracker.isInRestPeriod('child')).toBe(true);
    tracker.startSpan({ key: 'late', label: 'Late' });
    expect(tracker.getActiveSpan('late')!.timeSpans[0]!.type).toBe('rest');
    clock.advance(30_000);
    tracker.endRest('root');
    expect(tracker.isInRestPeriod('child')).toBe(false);
    expect(heard).toEqual(['rest+30000', 'rest-30000']);
    const child = tracker.getActiveSpan('child')!;
    expect(child.timeSpans.map((t) => [t.type, t.start - T0, t.stop === undefined ? null : t.stop - T0])).toEqual([
      ['work', 0, 1000],
      ['rest', 1000, 31_000],
      ['work', 31_000, null],
    ]);
    expect(tracker.totals(child.id, T0 + 41_000)).toEqual({
      totalMs: 41_000,
      elapsedMs: 41_000,
      workMs: 11_000,
      restMs: 30_000,
      pausedMs: 0,
    });
  });

  it('treats startSegment(rest) as startRest and closing it as endRest', () => {
    const { tracker } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'r', label: 'R' });
    const rest = tracker.startSegment('r', 'rest', 'Breather')!;
    expect(rest.label).toBe('Breather');
    expect(tracker.isInRestPeriod('r')).toBe(true);
    expect(codeOf(() => tracker.startRest('r'))).toBe('ALREADY_RESTING');
    expect(codeOf(() => tracker.startSegment('r', 'rest', 'Again'))).toBe('ALREADY_RESTING');
    tracker.endSegment('r', rest.id);
    expect(tracker.isInRestPeriod('r')).toBe(false);
    expect(codeOf(() => tracker.endRest('r'))).toBe('NOT_RESTING');
  });

  it('refuses a rest length that is not a finite number ≥ 0', () => {
    const { tracker } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'r', label: 'R' });
    for (const durationMs of [-1, Number.NaN, Infinity, '10' as never]) {
      expect(codeOf(() => tracker.startRest('r', { durationMs }))).toBe('INVALID_SEGMENT');
    }
    expect(codeOf(() => tracker.startRest('nope'))).toBe('NO_ACTIVE_SPAN');
    expect(tracker.isInRestPeriod('nope')).toBe(false);
  });
});

describe('pause and resume', () => {
  it('pauses the whole tree by default and resumes it, excluding the pause from elapsed time', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    const heard: string[] = [];
    tracker.on('span:paused', ({ span, at }) => heard.push(`pause ${span.label} ${at - T0}`));
    tracker.on('span:resumed', ({ span, at }) => heard.push(`resume ${span.label} ${at - T0}`));
    const root = tracker.startSpan({ key: 'root', label: 'Root' })!;
    tracker.startSpan({ key: 'leaf', label: 'Leaf' });
    clock.advance(10_000);
    tracker.pause();
    expect(tracker.getActiveSpan('root')!.paused).toBe(true);
    expect(tracker.getActiveSpan('leaf')!.paused).toBe(true);
    clock.advance(5000);
    tracker.resume();
    clock.advance(1000);
    expect(heard).toEqual(['pause Root 10000', 'pause Leaf 10000', 'resume Root 15000', 'resume Leaf 15000']);
    expect(tracker.totals(root.id)).toEqual({ totalMs: 16_000, elapsedMs: 11_000, workMs: 11_000, restMs: 0, pausedMs: 5000 });
    const pauseSeg = tracker.getSpan(root.id)!.segments[0]!;
    expect(pauseSeg).toMatchObject({ type: 'pause', label: 'Paused', startTime: T0 + 10_000, endTime: T0 + 15_000 });
    expect(tracker.getSpan(root.id)!.timeSpans).toHaveLength(2);
  });

  it('starts a child of a paused span paused, and refuses to resume it before its parent', () => {
    const { tracker } = makeTracker({ strict: true });
    const heard: string[] = [];
    tracker.on('span:paused', ({ span }) => heard.push(span.label));
    const root = tracker.startSpan({ key: 'root', label: 'Root' })!;
    tracker.pause(root.id);
    const child = tracker.startSpan({ key: 'child', label: 'Child' })!;
    expect(child.paused).toBe(true);
    expect(child.timeSpans).toEqual([]);
    expect(heard).toEqual(['Root', 'Child']);
    expect(codeOf(() => tracker.resume(child.id))).toBe('PARENT_PAUSED');
    tracker.resume(root.id);
    expect(tracker.getSpan(child.id)!.paused).toBe(false);
  });

  it('pauses a subtree only, leaving a descendant already paused as it is', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    const root = tracker.startSpan({ key: 'root', label: 'Root' })!;
    const mid = tracker.startSpan({ key: 'mid', label: 'Mid' })!;
    const leaf = tracker.startSpan({ key: 'leaf', label: 'Leaf' })!;
    tracker.pause(leaf.id);
    clock.advance(1000);
    tracker.pause(mid.id);
    expect(tracker.getSpan(root.id)!.paused).toBe(false);
    expect(tracker.getSpan(leaf.id)!.segments.filter((s) => s.type === 'pause')).toHaveLength(1);
    expect(codeOf(() => tracker.pause(mid.id))).toBe('ALREADY_PAUSED');
    expect(codeOf(() => tracker.resume(root.id))).toBe('NOT_PAUSED');
    expect(codeOf(() => tracker.pause('nope'))).toBe('SPAN_NOT_FOUND');
  });

  it('refuses pause() with no current span, and pausing an ended span', () => {
    const { tracker } = makeTracker({ strict: true });
    expect(codeOf(() => tracker.pause())).toBe('NO_ACTIVE_SPAN');
    const a = tracker.startSpan({ key: 'a', label: 'A' })!;
    tracker.endSpan('a');
    expect(codeOf(() => tracker.pause(a.id))).toBe('NO_ACTIVE_SPAN');
  });

  it('a closed segment and an ended span are frozen all the way down and keep what they held', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'r', label: 'R' });
    tracker.startSegment('r', 'round', 'Round 1', 0);
    tracker.recordMetric('r', 'reps', 10, 'reps');
    tracker.recordMetric('r', 'heartRate', 150, 'bpm');
    const closed = tracker.endSegment('r')!;
    clock.advance(1000);
    tracker.startSegment('r', 'round', 'Round 2', 1);
    tracker.recordMetric('r', 'reps', 7, 'reps');
    tracker.recordMetric('r', 'heartRate', 160, 'bpm');
    const span = tracker.endSpan('r')!;
    for (const seg of [closed, ...span.segments]) {
      expect(Object.isFrozen(seg)).toBe(true);
      expect(Object.isFrozen(seg.metrics)).toBe(true);
      expect(Object.isFrozen(seg.metrics.custom)).toBe(true);
      expect(Object.isFrozen(seg.metrics.reps)).toBe(true);
    }
    expect(Object.isFrozen(span.metrics)).toBe(true);
    expect(Object.isFrozen(span.metrics.custom)).toBe(true);
    // What Round 1 held when it closed is what it holds after Round 2's records and the span's end.
    expect(closed.metrics.reps?.value).toBe(10);
    expect(closed.metrics.custom?.heartRate?.value).toBe(150);
    expect(span.segments[0]).toEqual(closed);
    expect(span.segments[1]!.metrics.reps?.value).toBe(7);
    expect(span.metrics.reps?.value).toBe(7);
    expect(span.metrics.custom.heartRate?.value).toBe(160);
    expect(span.metrics.duration).toEqual({ value: 1000, unit: 'ms', recorded: span.endTime });
    expect(() => {
      (span.metrics as { reps?: unknown }).reps = undefined;
    }).toThrow(TypeError);
  });
});
