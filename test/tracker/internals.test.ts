import { describe, expect, it } from 'vitest';
import { ActiveSpans } from '../../src/tracker/active-spans';
import { Outbox } from '../../src/tracker/outbox';
import type { SpanState } from '../../src/tracker/span-state';

const state = (id: string, blockId: string) => ({ id, blockId }) as SpanState;

describe('Outbox', () => {
  it('runs tasks in order, tasks added while draining after those waiting, and is empty after', () => {
    const box = new Outbox();
    const ran: string[] = [];
    box.push(() => {
      ran.push('a');
      box.push(() => ran.push('c'));
      box.drain(); // re-entrant: does nothing, the outer drain runs it
    });
    box.push(() => ran.push('b'));
    expect(box.pending).toBe(2);
    box.drain();
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(box.pending).toBe(0);
    box.drain();
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('is reused call after call, and a burst larger than its usual size runs whole', () => {
    const box = new Outbox();
    let n = 0;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 3000; i++) box.push(() => n++);
      box.drain();
      expect(box.pending).toBe(0);
    }
    expect(n).toBe(9000);
    box.push(() => n++);
    box.drain();
    expect(n).toBe(9001);
  });

  it('drops what was waiting behind a task that threw (tasks must not throw) and starts clean', () => {
    const box = new Outbox();
    const ran: string[] = [];
    box.push(() => {
      throw new Error('boom');
    });
    box.push(() => ran.push('after'));
    expect(() => box.drain()).toThrow('boom');
    expect(box.pending).toBe(0);
    box.push(() => ran.push('next'));
    box.drain();
    expect(ran).toEqual(['next']);
  });
});

describe('ActiveSpans', () => {
  it('finds the active span of a block and lists them in start order', () => {
    const active = new ActiveSpans();
    const a = state('1', 'a');
    const b = state('2', 'b');
    const c = state('3', 'c');
    active.add(a);
    active.add(b);
    active.add(c);
    expect(active.inOrder).toEqual([a, b, c]);
    active.remove(b);
    expect(active.inOrder).toEqual([a, c]);
    expect(active.get('b')).toBeUndefined();
    expect(active.has('b')).toBe(false);
    const b2 = state('4', 'b');
    active.add(b2);
    expect(active.get('b')).toBe(b2);
    expect(active.inOrder).toEqual([a, c, b2]);
    expect(active.size).toBe(3);
    active.remove(b); // no longer the block's span: nothing changes
    expect(active.inOrder).toEqual([a, c, b2]);
  });

  it('keeps working across the sweep of many ended blocks with unique keys', () => {
    const active = new ActiveSpans();
    const keep = state('keep', 'keep');
    active.add(keep);
    for (let i = 0; i < 1000; i++) {
      const s = state(`s${i}`, `block-${i}`);
      active.add(s);
      expect(active.get(`block-${i}`)).toBe(s);
      active.remove(s);
      expect(active.get(`block-${i}`)).toBeUndefined();
    }
    expect(active.inOrder).toEqual([keep]);
    expect(active.get('keep')).toBe(keep);
    const again = state('again', 'block-3');
    active.add(again);
    expect(active.inOrder).toEqual([keep, again]);
  });
});
