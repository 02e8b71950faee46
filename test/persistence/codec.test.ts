import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childCode, isChildId } from '../../src/persistence/codec';

describe('codec: child ids', () => {
  it('isChildId(id, span, kind, n) is id === `${span}.${kind}${n}`, for ids of any shape', () => {
    const kind = fc.constantFrom('s' as const, 't' as const, 'm' as const);
    const counter = fc.oneof(fc.nat(20), fc.nat(), fc.maxSafeNat());
    fc.assert(
      fc.property(fc.string(), kind, counter, fc.string(), (span, k, n, other) => {
        const id = `${span}.${k}${n}`;
        expect(isChildId(id, span, k, n)).toBe(true);
        for (const candidate of [other, `${span}.${k}${n}0`, `${span}.${k}0${n}`, `${other}.${k}${n}`, `${span}.${k}${n + 1}`])
          expect(isChildId(candidate, span, k, n)).toBe(candidate === id);
        // the reader's check agrees with the writer's code (counters of up to 15 digits)
        if (n < 1e15) expect(childCode(id, span, k)).toBe(n);
      }),
    );
  });
});
