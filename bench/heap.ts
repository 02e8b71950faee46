/**
 * Benchmark 3: retained heap per completed span (5 metric records, 3 segments), 20 000 spans, and the
 * same for OpenTelemetry's span with 5 attributes and 3 events kept by its InMemorySpanExporter.
 *
 * Needs a collectable heap: `node --expose-gc --import tsx bench/heap.ts [ours|read|saved|floor|otel]` prints one
 * JSON line; `heapFigures()` runs each case in its own child process.
 */
import { fileURLToPath } from 'node:url';
import { runCase } from './child';
import { buildSpans } from './effort-sides';
import { fmtKb, type Row } from './harness';
import { retainedBy } from './retained';
import { type ExecutionTracker } from 'workout-spans';
import { serialize } from 'workout-spans/persistence';

const SPANS = 20_000;

export interface HeapFigure {
  case: string;
  spans: number;
  bytesPerSpan: number;
}

/** Warm-up: code, shapes and one-off caches are not part of the figure. In a frame of its own, so
 * that no register of the measuring frame still holds what it built when the heap is read. */
function warmUp(build: () => unknown): void {
  build();
}

/** Bytes retained per span by what `build` returns. */
async function measure(build: () => unknown): Promise<number> {
  warmUp(build);
  // 200 ms: one run in three read ~0.1 KB per span more after a shorter pause. The tracker makes a
  // WeakRef per record of an ended span, held until the job ends.
  return (await retainedBy(build, 200)) / SPANS;
}

const cases: Record<string, () => unknown> = {
  /** The tracker alone: nobody read a snapshot. */
  ours: () => buildSpans('ours', SPANS),
  /** The tracker after a UI read its snapshot's spans and records: working state and frozen records. */
  read: () => {
    const tracker = buildSpans('ours', SPANS) as ExecutionTracker;
    const snapshot = tracker.getSnapshot();
    return [tracker, snapshot.spans.length, snapshot.metrics.length, snapshot.completed.length];
  },
  /** The tracker after one save: `serialize` must not leave its spans holding more than before. */
  saved: () => {
    const tracker = buildSpans('ours', SPANS) as ExecutionTracker;
    if (serialize(tracker).length === 0) throw new Error('empty save');
    return tracker;
  },
  /** The floor: only the frozen objects the contract hands out for each span, kept in a Map by id. */
  floor: () => buildSpans('floor', SPANS),
  otel: () => buildSpans('otel', SPANS),
};

/** Runs each case in a child process with a collectable heap. */
export function heapFigures(): HeapFigure[] {
  const self = fileURLToPath(import.meta.url);
  return Object.keys(cases).map((name) => runCase<HeapFigure>(self, ['--expose-gc'], name));
}

const which = process.argv[2];
if (process.argv[1] === fileURLToPath(import.meta.url) && which !== undefined) {
  const build = cases[which];
  if (build === undefined) throw new Error(`unknown case '${which}': ${Object.keys(cases).join(', ')}`);
  console.log(JSON.stringify({ case: which, spans: SPANS, bytesPerSpan: Math.round(await measure(build)) } satisfies HeapFigure));
}

/** Benchmark 3 as a table row: the tracker's figure against OpenTelemetry's in the same run. */
export async function benchHeap(): Promise<Row> {
  const figures = heapFigures();
  const of = (name: string): number => figures.find((f) => f.case === name)!.bytesPerSpan;
  const ours = of('ours');
  const otel = of('otel');
  return {
    benchmark: `retained heap per completed span (5 records, 3 segments; ${SPANS.toLocaleString('en')} spans, read once the job has ended) vs OTel span (5 attributes, 3 events) in its InMemorySpanExporter`,
    ours: `${fmtKb(ours)} (${fmtKb(of('read'))} with a snapshot of them all read and held, ${fmtKb(of('saved'))} right after one save)`,
    reference: `${fmtKb(otel)} (floor: the contract's own frozen objects alone, ${fmtKb(of('floor'))})`,
    ratio: `${(ours / otel).toFixed(2)}× OTel`,
    goal: '≤ OTel',
    met: ours <= otel,
  };
}
