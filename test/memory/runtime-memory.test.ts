import { describe, expect, it } from 'vitest';
import { RuntimeMemory, type MemoryChange, type TrackerError } from 'workout-spans';
import { updateWithImmer } from 'workout-spans/runtime';
import { makeTracker } from '../helpers';

describe('RuntimeMemory', () => {
  it('allocates deeply frozen values and reads them back', () => {
    const memory = new RuntimeMemory();
    const ref = memory.allocate('note', 'owner', { text: 'hi', tags: ['a'] });
    expect(ref).toMatchObject({ type: 'note', ownerId: 'owner', visibility: 'private' });
    const value = memory.get(ref)!;
    expect(value).toEqual({ text: 'hi', tags: ['a'] });
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.tags)).toBe(true);
    expect(Object.isFrozen(ref)).toBe(true);
  });

  it('freezes plain objects and arrays only: typed arrays, maps, dates and class instances are kept as they are', () => {
    class Counter {
      n = 0;
      bump(): void {
        this.n++;
      }
    }
    const memory = new RuntimeMemory();
    const counter = new Counter();
    const value = { hr: new Float64Array([120, 121]), seen: new Map([['a', 1]]), at: new Date(0), counter, list: [{ a: 1 }] };
    const stored = memory.get(memory.allocate('mixed', 'o', value))!;
    expect(stored).toBe(value);
    expect(Object.isFrozen(stored) && Object.isFrozen(stored.list) && Object.isFrozen(stored.list[0])).toBe(true);
    expect([stored.hr, stored.seen, stored.at, stored.counter].map((v) => Object.isFrozen(v))).toEqual([false, false, false, false]);
    counter.bump();
    expect(stored.counter.n).toBe(1);
    const bare = Object.assign(Object.create(null) as object, { inner: { x: 1 } }) as { inner: { x: number } };
    memory.allocate('bare', 'o', bare);
    expect(Object.isFrozen(bare) && Object.isFrozen(bare.inner)).toBe(true);
  });

  it('update replaces the value with what the updater returns, frozen, and notifies a set', () => {
    const memory = new RuntimeMemory();
    const changes: MemoryChange[] = [];
    memory.subscribe((c) => changes.push(c));
    const ref = memory.allocate('counter', 'o', { n: 1, tags: ['a'] });
    const next = memory.update(ref, (v) => ({ ...v, n: v.n + 1 }));
    expect(next).toEqual({ n: 2, tags: ['a'] });
    expect(memory.get(ref)).toBe(next);
    expect(Object.isFrozen(next)).toBe(true);
    expect(changes.map((c) => [c.kind, c.previous, c.value])).toEqual([
      ['allocate', undefined, { n: 1, tags: ['a'] }],
      ['set', { n: 1, tags: ['a'] }, { n: 2, tags: ['a'] }],
    ]);
    expect(changes[1]!.patches).toBeUndefined();
    expect(() => memory.update(ref, 'no' as never)).toThrow(TypeError);
  });

  it('notifies allocate, set (with previous), updateWithImmer (with immer patches) and release, in order', () => {
    const memory = new RuntimeMemory();
    const changes: MemoryChange[] = [];
    memory.subscribe((c) => changes.push(c));
    const ref = memory.allocate('counter', 'o', { n: 1, other: { keep: true } }, 'public');
    memory.set(ref, { n: 2, other: { keep: true } });
    const before = memory.get(ref)!;
    const after = updateWithImmer(memory, ref, (draft) => {
      draft.n = 3;
    });
    expect(after).toEqual({ n: 3, other: { keep: true } });
    expect(after.other).toBe(before.other);
    expect(Object.isFrozen(after)).toBe(true);
    expect(memory.release(ref)).toBe(true);
    expect(memory.get(ref)).toBeNull();
    expect(memory.release(ref)).toBe(false);
    expect(changes.map((c) => c.kind)).toEqual(['allocate', 'set', 'set', 'release']);
    expect(changes[1]!.previous).toEqual({ n: 1, other: { keep: true } });
    expect(changes[2]!.patches).toEqual([{ op: 'replace', path: ['n'], value: 3 }]);
    expect(changes[3]!.previous).toEqual({ n: 3, other: { keep: true } });
  });

  it('refuses to write a released reference', () => {
    const memory = new RuntimeMemory();
    const ref = memory.allocate('x', 'o', 1);
    memory.release(ref);
    expect(() => memory.set(ref, 2)).toThrow(RangeError);
    expect(() => memory.update(ref, () => 3)).toThrow(RangeError);
    expect(() => updateWithImmer(memory, ref, () => 3)).toThrow(RangeError);
  });

  it('searches by any combination of criteria; null or missing means any', () => {
    const memory = new RuntimeMemory();
    const a = memory.allocate('span', 'block-1', 1, 'public');
    const b = memory.allocate('span', 'block-2', 2);
    const c = memory.allocate('record', 'block-1', 3);
    expect(memory.search({ type: 'span' })).toEqual([a, b]);
    expect(memory.search({ ownerId: 'block-1' })).toEqual([a, c]);
    expect(memory.search({ type: 'span', visibility: 'private' })).toEqual([b]);
    expect(memory.search({ visibility: 'public' })).toEqual([a]);
    expect(memory.search({ id: c.id, type: null })).toEqual([c]);
    expect(memory.search({ id: c.id, type: 'span' })).toEqual([]);
    expect(memory.search({ type: 'missing' })).toEqual([]);
    expect(memory.search()).toEqual([a, b, c]);
  });

  it('scopes allocations to the current span', () => {
    const { tracker } = makeTracker({ strict: true });
    const span = tracker.startSpan({ key: 'k', label: 'K' })!;
    const ref = tracker.memory.allocateScoped('scratch', 'k', { x: 1 }, 'span');
    expect(ref.spanId).toBe(span.id);
    expect(tracker.memory.allocateScoped('scratch', 'k', 1, 'block').spanId).toBeUndefined();
    expect(tracker.memory.searchBySpan(span.id)).toContainEqual(ref);
    expect(() => tracker.memory.allocateScoped('s', 'k', 1, 'tree' as never)).toThrow(TypeError);
  });

  it('reports a throwing listener and still runs the others', () => {
    const errors: TrackerError[] = [];
    const memory = new RuntimeMemory({ onError: (e) => errors.push(e) });
    const seen: string[] = [];
    memory.subscribe(() => {
      throw new Error('listener');
    });
    const off = memory.subscribe((c) => seen.push(c.kind));
    memory.allocate('x', 'o', 1);
    expect(seen).toEqual(['allocate']);
    expect(errors.map((e) => e.code)).toEqual(['HANDLER_FAILED']);
    off();
    off();
    expect(memory.listenerCount).toBe(1);
  });

  it('holds one entry per span and per record, indexed for the tracker', () => {
    const { tracker } = makeTracker({ strict: true });
    const span = tracker.startSpan({ key: 'block-7', label: 'K' })!;
    const record = tracker.recordMetric('block-7', 'reps', 5, 'reps')!;
    const spanRefs = tracker.memory.search({ type: 'execution-span', ownerId: 'block-7' });
    expect(spanRefs).toHaveLength(1);
    expect(tracker.memory.get(spanRefs[0]!)).toBe(tracker.getSpan(span.id));
    const recordRefs = tracker.memory.search({ type: 'metric-record', ownerId: span.id });
    expect(recordRefs.map((r) => tracker.memory.get(r))).toEqual([record]);
    expect(tracker.memory.searchBySpan(span.id)).toHaveLength(2);
    expect(() => tracker.memory.set(spanRefs[0]!, {} as never)).toThrow(TypeError);
    expect(() => tracker.memory.release(spanRefs[0]!)).toThrow(TypeError);
  });

  it('tells memory listeners about span changes after each tracker call', () => {
    const { tracker } = makeTracker({ strict: true });
    const changes: MemoryChange[] = [];
    tracker.memory.subscribe((c) => changes.push(c));
    tracker.startSpan({ key: 'k', label: 'K' });
    tracker.recordMetric('k', 'reps', 5, 'reps');
    const kinds = changes.map((c) => `${c.kind}:${c.type}`);
    expect(kinds[0]).toBe('allocate:execution-span');
    expect(kinds).toContain('allocate:metric-record');
    const lastSpanChange = changes.filter((c) => c.type === 'execution-span').at(-1)!;
    expect(lastSpanChange.value).toBe(tracker.getActiveSpan('k'));
  });

  it("reports a throwing memory listener through the tracker's error event", () => {
    const { tracker, errors } = makeTracker({ strict: true });
    tracker.memory.subscribe(() => {
      throw new Error('memory listener');
    });
    tracker.startSpan({ key: 'k', label: 'K' });
    expect(errors.map((e) => e.code)).toContain('HANDLER_FAILED');
  });
});
