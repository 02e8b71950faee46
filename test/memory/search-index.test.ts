import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MemoryReference, SearchCriteria } from 'workout-spans';
import { makeTracker } from '../helpers';

/**
 * The memory's search goes through its indexes (by type, owner, span, visibility); whatever the
 * history of allocations, writes and releases, it must give what a plain filter over the live
 * entries gives, in allocation order.
 */
const TYPES = ['scratch', 'counter', 'note'];
const OWNERS = ['a', 'b', 'c'];

type Op =
  | { kind: 'allocate'; type: number; owner: number; visibility: 'public' | 'private' }
  | { kind: 'scoped'; type: number; owner: number; scope: 'block' | 'span' }
  | { kind: 'set'; pick: number }
  | { kind: 'release'; pick: number }
  | { kind: 'span'; start: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('allocate' as const),
    type: fc.nat(2),
    owner: fc.nat(2),
    visibility: fc.constantFrom('public' as const, 'private' as const),
  }),
  fc.record({
    kind: fc.constant('scoped' as const),
    type: fc.nat(2),
    owner: fc.nat(2),
    scope: fc.constantFrom('block' as const, 'span' as const),
  }),
  fc.record({ kind: fc.constant('set' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('span' as const), start: fc.boolean() }),
);

const criteria: fc.Arbitrary<SearchCriteria> = fc.record(
  {
    type: fc.constantFrom(...TYPES, 'missing', null),
    ownerId: fc.constantFrom(...OWNERS, null),
    visibility: fc.constantFrom('public' as const, 'private' as const, null),
    spanId: fc.constantFrom('first-span', 'second-span', null),
  },
  { requiredKeys: [] },
);

describe('RuntimeMemory search through its indexes', () => {
  it('gives what a filter over the live entries gives, in allocation order, after any history (property-based)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.array(criteria, { minLength: 1, maxLength: 8 }), (ops, queries) => {
        const { tracker } = makeTracker({ strict: true });
        const memory = tracker.memory;
        const live: MemoryReference[] = [];
        const spanIds: string[] = [];
        let spans = 0;
        for (const o of ops) {
          if (o.kind === 'allocate') live.push(memory.allocate(TYPES[o.type]!, OWNERS[o.owner]!, { n: live.length }, o.visibility));
          else if (o.kind === 'scoped') live.push(memory.allocateScoped(TYPES[o.type]!, OWNERS[o.owner]!, 1, o.scope));
          else if (o.kind === 'set' && live.length > 0) memory.set(live[o.pick % live.length]!, { changed: o.pick });
          else if (o.kind === 'release' && live.length > 0) {
            const [ref] = live.splice(o.pick % live.length, 1);
            expect(memory.release(ref!)).toBe(true);
            expect(memory.release(ref!)).toBe(false);
          } else if (o.kind === 'span') {
            if (o.start && spans < 2) spanIds.push(tracker.startSpan({ key: `s${spans++}`, label: 'S' })!.id);
            else if (!o.start) {
              const current = tracker.context.getCurrentSpan();
              if (current) tracker.endSpan(current.id);
            }
          }
        }
        // The criteria name spans by role; map them to the ids this run made.
        const spanOf = (name: string | null | undefined): string | null | undefined =>
          name === 'first-span' ? (spanIds[0] ?? 'none') : name === 'second-span' ? (spanIds[1] ?? 'none') : name;
        for (const q of queries) {
          const query = { ...q, spanId: spanOf(q.spanId) };
          const own = memory.search(query).filter((ref) => ref.type !== 'execution-span' && ref.type !== 'metric-record');
          const expected = live.filter(
            (ref) =>
              (query.type == null || ref.type === query.type) &&
              (query.ownerId == null || ref.ownerId === query.ownerId) &&
              (query.visibility == null || ref.visibility === query.visibility) &&
              (query.spanId == null || ref.spanId === query.spanId),
          );
          expect(own).toEqual(expected);
          for (const ref of expected) expect(memory.search({ ...query, id: ref.id })).toContainEqual(ref);
        }
      }),
      { numRuns: 200 },
    );
  });
});
