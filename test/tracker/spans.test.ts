import { describe, expect, it } from 'vitest';
import { spanTypeOf, TrackerError } from 'workout-spans';
import { codeOf, makeTracker, T0 } from '../helpers';

describe('startSpan', () => {
  it.each([
    ['timer', 'timer'],
    ['TimerBlock', 'timer'],
    ['ROUNDS', 'rounds'],
    ['RoundsBlock', 'rounds'],
    ['effort', 'effort'],
    ['EffortBlock', 'effort'],
    ['interval', 'interval'],
    ['IntervalBlock', 'interval'],
    ['EMOM', 'emom'],
    ['amrap', 'amrap'],
    ['Group', 'group'],
    ['Something', 'group'],
    [undefined, 'group'],
  ] as const)('maps blockType %s to %s', (blockType, type) => {
    expect(spanTypeOf(blockType)).toBe(type);
    const { tracker } = makeTracker({ strict: true });
    expect(tracker.startSpan({ key: 'k', label: 'L', blockType })!.type).toBe(type);
  });

  it('opens a span with its first running interval and the block timer', () => {
    const { tracker } = makeTracker({ strict: true });
    const span = tracker.startSpan({
      key: { toString: () => 'obj-key' },
      label: 'Timer',
      blockType: 'timer',
      timer: { direction: 'down', durationMs: 60_000 },
    })!;
    expect(span).toMatchObject({
      blockId: 'obj-key',
      parentSpanId: null,
      status: 'active',
      startTime: T0,
      paused: false,
      timer: { direction: 'down', durationMs: 60_000 },
    });
    expect(span.timeSpans).toEqual([{ id: span.timeSpans[0]!.id, type: 'work', start: T0, blockId: 'obj-key', parentSpanId: span.id }]);
    expect(span.metrics).toEqual({ custom: {} });
    expect(span.endTime).toBeUndefined();
    expect(tracker.getActiveSpan('obj-key')).toBe(span);
    expect(tracker.getSpan(span.id)).toBe(span);
  });

  it('parents to the current span when omitted, a root for null, the named span for a string', () => {
    const { tracker } = makeTracker({ strict: true });
    const a = tracker.startSpan({ key: 'a', label: 'A' })!;
    const b = tracker.startSpan({ key: 'b', label: 'B' })!;
    const c = tracker.startSpan({ key: 'c', label: 'C' }, null)!;
    const d = tracker.startSpan({ key: 'd', label: 'D' }, a.id)!;
    expect(b.parentSpanId).toBe(a.id);
    expect(c.parentSpanId).toBeNull();
    expect(d.parentSpanId).toBe(a.id);
    expect(tracker.getChildren(a.id).map((s) => s.id)).toEqual([b.id, d.id]);
  });

  it('refuses a parent that is not active, an invalid block and a second span for one key', () => {
    const { tracker } = makeTracker({ strict: true });
    const a = tracker.startSpan({ key: 'a', label: 'A' })!;
    tracker.endSpan('a');
    expect(codeOf(() => tracker.startSpan({ key: 'x', label: 'X' }, a.id))).toBe('PARENT_NOT_ACTIVE');
    expect(codeOf(() => tracker.startSpan({ key: 'x', label: 'X' }, 'unknown'))).toBe('PARENT_NOT_ACTIVE');
    expect(codeOf(() => tracker.startSpan({ key: 'x', label: 42 as unknown as string }))).toBe('INVALID_BLOCK');
    expect(codeOf(() => tracker.startSpan(null as never))).toBe('INVALID_BLOCK');
    expect(codeOf(() => tracker.startSpan({ key: {} as never, label: 'X' }))).toBe('INVALID_BLOCK');
    expect(codeOf(() => tracker.startSpan({ key: 'x', label: 'X', timer: { direction: 'sideways' as never } }))).toBe('INVALID_BLOCK');
    expect(codeOf(() => tracker.startSpan({ key: 'x', label: 'X', timer: { direction: 'up', durationMs: -1 } }))).toBe('INVALID_BLOCK');
    tracker.startSpan({ key: 'x', label: 'X' });
    expect(codeOf(() => tracker.startSpan({ key: 'x', label: 'X' }))).toBe('SPAN_ALREADY_ACTIVE');
  });

  it('allows a new span for a key once the previous one ended', () => {
    const { tracker } = makeTracker({ strict: true });
    const first = tracker.startSpan({ key: 'k', label: 'K' })!;
    tracker.endSpan('k');
    const second = tracker.startSpan({ key: 'k', label: 'K' })!;
    expect(second.id).not.toBe(first.id);
    expect(tracker.getSpan(first.id)?.status).toBe('completed');
  });
});

describe('endSpan', () => {
  it('ends active descendants first, innermost first, with the same status', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    const stopped: string[] = [];
    tracker.on('span:stopped', ({ span }) => stopped.push(`${span.label}:${span.status}`));
    tracker.startSpan({ key: 'root', label: 'Root' });
    tracker.startSpan({ key: 'mid', label: 'Mid' });
    tracker.startSpan({ key: 'leaf', label: 'Leaf' });
    tracker.startSegment('leaf', 'work', 'Work');
    clock.advance(5000);
    const root = tracker.endSpan('root', 'skipped')!;
    expect(stopped).toEqual(['Leaf:skipped', 'Mid:skipped', 'Root:skipped']);
    expect(root).toMatchObject({
      status: 'skipped',
      endTime: T0 + 5000,
      metrics: { duration: { value: 5000, unit: 'ms', recorded: T0 + 5000 } },
    });
    const leaf = tracker.getSpans({ status: 'skipped' }).find((s) => s.label === 'Leaf')!;
    expect(leaf.segments[0]!.endTime).toBe(T0 + 5000);
    expect(leaf.timeSpans[0]!.stop).toBe(T0 + 5000);
    expect(tracker.context.getActiveSpans()).toEqual([]);
    expect(tracker.memory.getCurrentSpanId()).toBeNull();
  });

  it('removes exactly the spans it ended from the context, wherever they stand', () => {
    const { tracker } = makeTracker({ strict: true });
    const a = tracker.startSpan({ key: 'a', label: 'A' })!;
    tracker.startSpan({ key: 'b', label: 'B' });
    const c = tracker.startSpan({ key: 'c', label: 'C' }, a.id)!;
    tracker.endSpan('b');
    expect(tracker.context.getActiveSpans().map((s) => s.id)).toEqual([a.id, c.id]);
    expect(tracker.context.getCurrentSpan()?.id).toBe(c.id);
    expect(tracker.memory.getCurrentSpanId()).toBe(c.id);
  });

  it('keeps a duration that was recorded', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'a', label: 'A' });
    tracker.recordMetric('a', 'duration', 1234, 'ms');
    clock.advance(9000);
    expect(tracker.endSpan('a')!.metrics.duration!.value).toBe(1234);
  });

  it('refuses a status outside the union and an unknown block', () => {
    const { tracker } = makeTracker({ strict: true });
    tracker.startSpan({ key: 'a', label: 'A' });
    expect(codeOf(() => tracker.endSpan('a', 'active'))).toBe('INVALID_BLOCK');
    expect(codeOf(() => tracker.endSpan('a', 'done' as never))).toBe('INVALID_BLOCK');
    expect(codeOf(() => tracker.endSpan('zzz'))).toBe('NO_ACTIVE_SPAN');
    expect(tracker.getActiveSpan('a')?.status).toBe('active');
  });
});

describe('trace', () => {
  it('ends a sync span completed and returns the result', () => {
    const { tracker, clock } = makeTracker({ strict: true });
    const out = tracker.trace({ key: 't', label: 'T' }, (span) => {
      clock.advance(100);
      return span.id;
    });
    expect(tracker.getSpan(out)).toMatchObject({ status: 'completed', endTime: T0 + 100 });
  });

  it('fails a sync span with the error message and rethrows', () => {
    const { tracker } = makeTracker({ strict: true });
    let id = '';
    expect(() =>
      tracker.trace({ key: 't', label: 'T' }, (span) => {
        id = span.id;
        throw new Error('dropped the bar');
      }),
    ).toThrow('dropped the bar');
    expect(tracker.getSpan(id)).toMatchObject({ status: 'failed', error: 'dropped the bar' });
  });

  it('handles async work, resolved and rejected', async () => {
    const { tracker, clock } = makeTracker({ strict: true });
    const value = await tracker.trace({ key: 'ok', label: 'OK' }, async () => {
      clock.advance(50);
      return 7;
    });
    expect(value).toBe(7);
    expect(tracker.getSpans({ status: 'completed' }).map((s) => s.label)).toEqual(['OK']);
    await expect(tracker.trace({ key: 'ko', label: 'KO' }, async () => Promise.reject(new Error('nope')))).rejects.toThrow('nope');
    expect(tracker.getSpans({ status: 'failed' })[0]).toMatchObject({ label: 'KO', error: 'nope' });
  });

  it('leaves a span the work already ended as it is', () => {
    const { tracker } = makeTracker({ strict: true });
    tracker.trace({ key: 't', label: 'T' }, () => tracker.endSpan('t', 'skipped'));
    expect(tracker.getSpans()[0]!.status).toBe('skipped');
  });

  it('does not run the work when the span cannot start (lenient)', () => {
    const { tracker, errors } = makeTracker();
    let ran = false;
    expect(tracker.trace({ key: '', label: 'T' }, () => (ran = true))).toBeUndefined();
    expect(ran).toBe(false);
    expect(errors[0]).toBeInstanceOf(TrackerError);
  });
});

describe('look-ups', () => {
  it('filters spans by status, type and parent, in start order', () => {
    const { tracker } = makeTracker({ strict: true });
    const root = tracker.startSpan({ key: 'r', label: 'R', blockType: 'timer' })!;
    tracker.startSpan({ key: 'e1', label: 'E1', blockType: 'effort' });
    tracker.endSpan('e1');
    tracker.startSpan({ key: 'e2', label: 'E2', blockType: 'effort' });
    expect(tracker.getSpans().map((s) => s.label)).toEqual(['R', 'E1', 'E2']);
    expect(tracker.getSpans({ type: 'effort' }).map((s) => s.label)).toEqual(['E1', 'E2']);
    expect(tracker.getSpans({ status: 'active', type: 'effort' }).map((s) => s.label)).toEqual(['E2']);
    expect(tracker.getSpans({ parentSpanId: null }).map((s) => s.id)).toEqual([root.id]);
    expect(tracker.getSpans({ parentSpanId: root.id })).toHaveLength(2);
    expect(tracker.getSpan('nope')).toBeUndefined();
    expect(tracker.getActiveSpan('e1')).toBeUndefined();
    expect(tracker.getChildren('nope')).toEqual([]);
  });

  it('lists metrics of a span and, optionally, of its descendants in record order', () => {
    const { tracker } = makeTracker({ strict: true });
    const root = tracker.startSpan({ key: 'r', label: 'R' })!;
    tracker.recordMetric('r', 'hr', 120, 'bpm');
    tracker.startSpan({ key: 'c', label: 'C' });
    tracker.recordMetric('c', 'reps', 5, 'reps');
    tracker.recordMetric('r', 'hr', 130, 'bpm');
    expect(tracker.getMetrics(root.id).map((r) => r.value)).toEqual([120, 130]);
    expect(tracker.getMetrics(root.id, { includeDescendants: true }).map((r) => r.value)).toEqual([120, 5, 130]);
    expect(tracker.getMetrics('nope')).toEqual([]);
  });

  it('makes span ids unique nanoids and child ids extend them', () => {
    const { tracker } = makeTracker({ strict: true });
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) ids.add(tracker.startSpan({ key: `k${i}`, label: 'x' }, null)!.id);
    expect(ids.size).toBe(200);
    const span = tracker.getSpans()[0]!;
    expect(span.id).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(span.timeSpans[0]!.id.startsWith(span.id)).toBe(true);
  });
});
