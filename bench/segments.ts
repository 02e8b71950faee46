/**
 * Benchmark 7: a change, then reading back a span that holds 10 000 segments, against the same with
 * 10 segments. Reads stay O(1) in the span's size:
 *
 * - 7: a change on a child (a record on an effort under the span): the span itself did not change,
 *   so reading it back (`getActiveSpan`, then `getSnapshot().active`) returns the object already
 *   built. Goal: the same cost, at most 2×.
 * - 7b: a record on the span itself, which updates its open segments: reading it back copies its
 *   list of segments once and rebuilds the segments that changed, no work per other segment. Goal:
 *   what 10 000 segments add (10 000 minus 10) is at most about one copy of a 10 000-item list
 *   (spread and `Object.freeze`, timed in the same run): 1.5× that, to allow for noise.
 */
import type { ExecutionTracker } from 'workout-spans';
import { compare, comparisonRow, fmtUs, type Comparison, type Row } from './harness';
import { subscribedTracker } from './workloads';
import { createManualClock } from 'workout-spans';

const BIG = 10_000;
const SMALL = 10;
const BATCH = 20;
/** Changes before the live child (7) or the open round's records (7b) are replaced, untimed. */
const REPLACE_AFTER = 1_000;

interface Fixture {
  tracker: ExecutionTracker;
  changes: number;
}

/** An AMRAP with `segments` round segments (the last one open) and an effort running under it. */
function fixture(segments: number): Fixture {
  const clock = createManualClock(1_700_000_000_000);
  const tracker = subscribedTracker({ clock });
  tracker.startSpan({ key: 'amrap', label: 'AMRAP', blockType: 'amrap' }, null);
  for (let i = 0; i < segments; i++) {
    tracker.startSegment('amrap', 'round', `Round ${i + 1}`, i);
    clock.advance(1_000);
  }
  tracker.startSpan({ key: 'effort', label: 'Effort', blockType: 'effort' });
  tracker.getActiveSpan('amrap');
  return { tracker, changes: 0 };
}

let sink: unknown;

function side(name: string, f: Fixture, onSpan: boolean) {
  return {
    name,
    ops: BATCH,
    beforeEach: () => {
      if (f.changes < REPLACE_AFTER) return;
      // Keep the open segments from piling up records: a new round (7b) or a new child (7).
      if (onSpan) f.tracker.startSegment('amrap', 'round', 'Next', 0);
      else {
        f.tracker.endSpan('effort');
        f.tracker.startSpan({ key: 'effort', label: 'Effort', blockType: 'effort' });
      }
      f.tracker.getActiveSpan('amrap');
      f.changes = 0;
    },
    run: () => {
      const t = f.tracker;
      for (let i = 0; i < BATCH; i++) {
        t.recordMetric(onSpan ? 'amrap' : 'effort', 'reps', 5, 'reps');
        sink = t.getActiveSpan('amrap');
        sink = t.getSnapshot().active;
      }
      f.changes += BATCH;
    },
  };
}

/** One copy of a list of `n` items, frozen: the budget of 7b. */
function copySide(n: number) {
  const list = Object.freeze(Array.from({ length: n }, (_, i) => Object.freeze({ i })));
  // Spread, not slice: V8 slices a frozen array through a slow path, about 50 times slower.
  return { name: `copy of a ${n}-item list`, ops: 1, run: () => void (sink = Object.freeze([...list])) };
}

export async function benchSegments(): Promise<Row[]> {
  const child = await compare(
    side(`change on a child, ${BIG} segments`, fixture(BIG), false),
    side(`change on a child, ${SMALL} segments`, fixture(SMALL), false),
  );
  const own = await compare(
    side(`record on the span, ${BIG} segments`, fixture(BIG), true),
    side(`record on the span, ${SMALL} segments`, fixture(SMALL), true),
  );
  const copy = await compare(copySide(BIG), copySide(SMALL));
  void sink;
  return [
    comparisonRow(
      `a change on a child, then reading its parent back (getActiveSpan, getSnapshot): parent with ${BIG.toLocaleString('en')} vs ${SMALL} segments`,
      child,
      { goal: 2 },
    ),
    ownRow(own, copy),
  ];
}

/** 7b: what the big span adds, against one copy of its list. */
function ownRow(own: Comparison, copy: Comparison): Row {
  const added = own.a - own.b;
  const budget = copy.a;
  return {
    benchmark: `a record on the span itself, then reading it back: ${BIG.toLocaleString('en')} vs ${SMALL} segments; figure: what ${BIG.toLocaleString('en')} segments add, in copies of a ${BIG.toLocaleString('en')}-item list (spread + freeze: ${fmtUs(budget)})`,
    ours: fmtUs(own.a),
    reference: fmtUs(own.b),
    ratio: `${own.ratio.toFixed(2)}×; adds ${(added / budget).toFixed(2)} copies`,
    goal: '≤ 1.5 copies',
    met: added <= 1.5 * budget,
  };
}
