import { describe, expect, it } from 'vitest';
import { SpanContext, type ExecutionSpan } from '../../src/index';
import { makeTracker } from '../helpers';

const span = (id: string) => ({ id }) as ExecutionSpan;

describe('SpanContext', () => {
  it('is a stack: enter pushes, exitSpan removes that span and everything after it', () => {
    const ctx = new SpanContext();
    ctx.enterSpan(span('a'));
    ctx.enterSpan(span('b'));
    ctx.enterSpan(span('c'));
    ctx.enterSpan(span('b'));
    expect(ctx.getActiveSpans().map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(ctx.getCurrentSpan()?.id).toBe('c');
    expect(ctx.getSpanById('b')?.id).toBe('b');
    expect(ctx.exitSpan('b')).toBe(true);
    expect(ctx.getActiveSpans().map((s) => s.id)).toEqual(['a']);
    expect(ctx.getSpanById('c')).toBeUndefined();
    expect(ctx.exitSpan('zzz')).toBe(false);
    expect(() => ctx.enterSpan(null as never)).toThrow(TypeError);
  });

  it("reads spans through the tracker so they are current, and follows the tracker's stack", () => {
    const { tracker } = makeTracker({ strict: true });
    const a = tracker.startSpan({ key: 'a', label: 'A' })!;
    tracker.recordMetric('a', 'reps', 1, 'reps');
    expect(tracker.context.getCurrentSpan()?.metrics.reps?.value).toBe(1);
    expect(tracker.context.getSpanById(a.id)).toBe(tracker.getSpan(a.id));
    const b = tracker.startSpan({ key: 'b', label: 'B' })!;
    expect(tracker.memory.getCurrentSpanId()).toBe(b.id);
    tracker.context.exitSpan(a.id);
    expect(tracker.memory.getCurrentSpanId()).toBeNull();
  });
});
