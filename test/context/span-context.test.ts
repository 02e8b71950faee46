import { describe, expect, it } from 'vitest';
import { SpanContext, type ExecutionSpan } from 'workout-spans';
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

  it('removeSpans takes out exactly those spans wherever they stand and keeps the order of the rest', () => {
    const changes: (string | null)[] = [];
    const ctx = new SpanContext(undefined, (id) => changes.push(id));
    for (const id of ['a', 'b', 'c', 'd']) ctx.enterSpan(span(id));
    ctx.removeSpans(['b', 'zzz']);
    expect(ctx.getActiveSpanIds()).toEqual(['a', 'c', 'd']);
    expect(ctx.getActiveSpans().map((s) => s.id)).toEqual(['a', 'c', 'd']);
    expect(ctx.getSpanById('b')).toBeUndefined();
    expect(ctx.getSpanById('c')?.id).toBe('c');
    ctx.removeSpans(['d', 'a']);
    expect(ctx.getActiveSpanIds()).toEqual(['c']);
    expect(ctx.depth).toBe(1);
    ctx.removeSpans(['zzz']);
    expect(changes).toEqual(['a', 'b', 'c', 'd', 'd', 'c']);
    ctx.removeSpans(['c']);
    expect(ctx.getCurrentSpan()).toBeUndefined();
    expect(ctx.getCurrentSpanId()).toBeNull();
    ctx.enterSpan(span('e'));
    expect(ctx.getActiveSpans().map((s) => s.id)).toEqual(['e']);
  });

  it('ending a span in the middle of the stack leaves the others on it, in order', () => {
    const { tracker } = makeTracker({ strict: true });
    const root = tracker.startSpan({ key: 'root', label: 'Root' })!;
    tracker.startSpan({ key: 'side', label: 'Side' }, root.id);
    const inner = tracker.startSpan({ key: 'inner', label: 'Inner' }, root.id)!;
    tracker.endSpan('side');
    expect(tracker.context.getActiveSpans().map((s) => s.label)).toEqual(['Root', 'Inner']);
    expect(tracker.context.getCurrentSpan()?.id).toBe(inner.id);
    expect(tracker.memory.getCurrentSpanId()).toBe(inner.id);
    tracker.endSpan('root');
    expect(tracker.context.getActiveSpans()).toEqual([]);
    expect(tracker.memory.getCurrentSpanId()).toBeNull();
  });
});
