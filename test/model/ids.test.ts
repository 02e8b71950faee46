import { describe, expect, it } from 'vitest';
import { childId, newSpanId } from '../../src/model/ids';

describe('ids', () => {
  it('span ids are 21-character nanoids, never the same twice', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newSpanId()));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{21}$/);
  });

  it('child ids extend the span id with kind and counter', () => {
    const span = newSpanId();
    expect(childId(span, 's', 0)).toBe(`${span}.s0`);
    expect(childId(span, 't', 7)).toBe(`${span}.t7`);
    expect(childId(span, 'm', 1023)).toBe(`${span}.m1023`);
    expect(childId(span, 'm', 1024)).toBe(`${span}.m1024`);
    expect(childId(span, 'm', 250_000)).toBe(`${span}.m250000`);
  });

  it('child ids of one span are unique across kinds and counters, and differ between spans', () => {
    const a = newSpanId();
    const b = newSpanId();
    const ids = new Set<string>();
    for (const kind of ['s', 't', 'm'] as const) {
      for (let n = 0; n < 3000; n++) {
        ids.add(childId(a, kind, n));
        ids.add(childId(b, kind, n));
      }
    }
    expect(ids.size).toBe(2 * 3 * 3000);
  });

  it('child ids survive a JSON round trip and compare equal to a rebuilt string', () => {
    const span = newSpanId();
    const id = childId(span, 's', 3);
    expect(JSON.parse(JSON.stringify({ id })).id).toBe(id);
    expect(id === [span, '.s', 3].join('')).toBe(true);
  });
});
