import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCindy } from '../../examples/workouts/cindy';
import { createManualClock, ExecutionTracker, TrackerError, type TrackerSnapshot } from 'workout-spans';
import { deserialize, serialize } from 'workout-spans/persistence';
import { deeplyFrozen, fixture } from './support';

/**
 * Random mutations of valid documents: deserialize either returns a valid snapshot (frozen, that
 * serializes back to itself, that restores into a tracker that carries on and saves again) or throws
 * a TrackerError: CORRUPT_DATA with a path, or UNSUPPORTED_VERSION. Nothing else, ever.
 */

/** ~200 keeps the suite fast; FUZZ_RUNS=5000 for a deeper hunt. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/**
 * The version-1 fixture and version-2 documents. The version-2 ones lose their checksum, which would
 * refuse every mutation at once: without it, the mutations reach the checks of each column and record.
 */
const DOCS = [fixture('amrap-v1.json'), serialize(runCindy({}, 350).tracker), serialize(runCindy({}, 600).tracker)].map((text) => {
  const { checksum: _, ...doc } = JSON.parse(text) as Record<string, unknown>;
  return JSON.stringify(doc);
});

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

function paths(value: Json, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') for (const k of Object.keys(value)) paths(value[k]!, [...prefix, k], out);
  return out;
}

function get(doc: Json, path: Path): Json {
  let v: any = doc;
  for (const k of path) v = v[k];
  return v as Json;
}

type Mutation =
  | { kind: 'replace'; with: Json }
  | { kind: 'nudge'; by: number }
  | { kind: 'delete' }
  | { kind: 'copyFrom'; from: number }
  | { kind: 'duplicate' }
  | { kind: 'addKey'; key: string; with: Json }
  | { kind: 'string'; with: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), with: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> }),
  fc.record({ kind: fc.constant('nudge' as const), by: fc.oneof(fc.constantFrom(1, -1, 1000, -1000, 1e6, -1e12, 0.5), fc.integer()) }),
  fc.record({ kind: fc.constant('delete' as const) }),
  fc.record({ kind: fc.constant('copyFrom' as const), from: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const) }),
  fc.record({
    kind: fc.constant('addKey' as const),
    key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'id', 'endTime')),
    with: fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>,
  }),
  fc.record({ kind: fc.constant('string' as const), with: fc.oneof(fc.string(), fc.constantFrom('', 'active', 'rest', 'pause', 'work')) }),
);

function apply(doc: Json, all: Path[], pick: number, m: Mutation): void {
  const path = all[pick % all.length]!;
  if (path.length === 0) return;
  const parent = get(doc, path.slice(0, -1)) as any;
  const key = path[path.length - 1]!;
  const current = parent[key] as Json;
  switch (m.kind) {
    case 'replace':
      parent[key] = m.with;
      break;
    case 'nudge':
      parent[key] = typeof current === 'number' ? current + m.by : m.by;
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'copyFrom':
      parent[key] = structuredClone(get(doc, all[m.from % all.length]!));
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(current));
      else if (Array.isArray(current) && current.length > 0) current.push(structuredClone(current[0]!));
      break;
    case 'addKey':
      if (current !== null && typeof current === 'object' && !Array.isArray(current))
        Object.defineProperty(current, m.key, { value: m.with, enumerable: true, writable: true, configurable: true });
      break;
    case 'string':
      parent[key] = typeof current === 'string' ? current.slice(0, current.length >> 1) + m.with : m.with;
      break;
  }
}

/** Everything a valid snapshot must allow. */
function checkValid(snap: TrackerSnapshot): void {
  expect(deeplyFrozen(snap)).toBe(true);
  const again = deserialize(serialize(snap));
  expect(again.spans).toStrictEqual(snap.spans);
  expect(again.metrics).toStrictEqual(snap.metrics);
  const clock = createManualClock(snap.savedAt! + 60_000);
  const tracker = ExecutionTracker.restore(snap, { clock, strict: true });
  for (const span of tracker.getSpans({ status: 'active' })) {
    expect(tracker.totals(span.id)!.pausedMs).toBeGreaterThanOrEqual(0);
  }
  clock.advance(1000);
  for (const root of tracker.getSpans({ status: 'active', parentSpanId: null })) tracker.endSpan(root.blockId);
  expect(() => deserialize(serialize(tracker))).not.toThrow();
}

function checkError(error: unknown): void {
  expect(error).toBeInstanceOf(TrackerError);
  const e = error as TrackerError;
  expect(['CORRUPT_DATA', 'UNSUPPORTED_VERSION']).toContain(e.code);
  if (e.code === 'CORRUPT_DATA') expect(String(e.details.path)).toMatch(/^\$/);
}

function outcome(json: string): 'valid' | 'refused' {
  let snap: TrackerSnapshot;
  try {
    snap = deserialize(json);
  } catch (error) {
    checkError(error);
    return 'refused';
  }
  checkValid(snap);
  return 'valid';
}

describe('fuzzing deserialize', () => {
  it('structural mutations: a valid snapshot or a TrackerError', () => {
    const seen = { valid: 0, refused: 0 };
    fc.assert(
      fc.property(fc.nat(DOCS.length - 1), fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 3 }), (d, edits) => {
        const doc = JSON.parse(DOCS[d]!) as Json;
        for (const [pick, m] of edits) apply(doc, paths(doc), pick, m);
        seen[outcome(JSON.stringify(doc))]++;
      }),
      { numRuns: RUNS },
    );
    // the mutations reach both sides
    expect(seen.valid).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });

  it('text mutations (truncation, a character changed, inserted or removed): a valid snapshot or a TrackerError', () => {
    fc.assert(
      fc.property(
        fc.nat(DOCS.length - 1),
        fc.nat(),
        fc.constantFrom('truncate', 'replace', 'insert', 'remove'),
        fc.constantFrom('0', '9', '"', ',', '}', ']', '-', 'e', ' ', '\\', 'x'),
        (d, where, kind, ch) => {
          const text = DOCS[d]!;
          const i = where % text.length;
          const json =
            kind === 'truncate'
              ? text.slice(0, i)
              : kind === 'replace'
                ? text.slice(0, i) + ch + text.slice(i + 1)
                : kind === 'insert'
                  ? text.slice(0, i) + ch + text.slice(i)
                  : text.slice(0, i) + text.slice(i + 1);
          outcome(json);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('every truncation of a document is refused as CORRUPT_DATA', () => {
    const text = DOCS[0]!;
    for (let i = 0; i < text.length; i += 7) {
      let error: unknown;
      try {
        deserialize(text.slice(0, i));
      } catch (e) {
        error = e;
      }
      expect((error as TrackerError).code).toBe('CORRUPT_DATA');
    }
  });
});
