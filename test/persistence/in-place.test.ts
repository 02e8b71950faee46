import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from 'workout-spans/persistence';
import { deserializeWith } from '../../src/persistence/deserialize';
import { MIGRATIONS } from '../../src/persistence/migrations';
import { deeplyFrozen, fixture, thrown } from './support';

/**
 * The reader freezes a document fresh from JSON.parse in place and copies one a migration returned
 * (reader-kit.ts): both paths must check the same things and give the same snapshot. A version-1
 * document is itself read through the upgrade to version 2 (migrations.ts); a made-up step to a
 * version 3 (the same layout) stands for whatever a later build adds.
 */

const FIXTURE = fixture('amrap-v1.json');
type Doc = { [k: string]: any };

describe('deserialize: fresh documents (frozen in place) and migrated ones (copied)', () => {
  it('a migrated document gives the same snapshot, and the objects the migration returned are not frozen', () => {
    const shared: unknown[] = [];
    const table = {
      1: MIGRATIONS[1]!,
      2: (doc: Doc) => {
        // Hands out objects it keeps: the reader must not freeze or change them.
        const metrics = { ...doc.metrics, value: doc.metrics.value.map((v: unknown) => (typeof v === 'object' ? { ...(v as Doc) } : v)) };
        shared.push(metrics, metrics.value, doc.spans, doc.spans.metrics, ...doc.spans.metrics);
        return { ...doc, metrics };
      },
    };
    const migrated = deserializeWith(FIXTURE, table, 3);
    expect(shared.length).toBeGreaterThan(0);
    for (const o of shared) expect(Object.isFrozen(o)).toBe(false);
    expect(deeplyFrozen(migrated)).toBe(true);
    const fresh = deserialize(FIXTURE);
    expect(migrated.spans).toStrictEqual(fresh.spans);
    expect(migrated.metrics).toStrictEqual(fresh.metrics);
    expect(serialize(migrated)).toBe(serialize(fresh));
  });

  it('a migrated document is checked like a fresh one: same error, same path', () => {
    const doc = JSON.parse(serialize(deserialize(FIXTURE))) as Doc;
    delete doc.checksum;
    doc.timeSpans.stop[2] = 20_000; // the running push-ups span loses its open TimeSpan
    const json = JSON.stringify(doc);
    const fresh = thrown(() => deserialize(json));
    const migrated = thrown(() => deserializeWith(JSON.stringify({ ...doc, version: 2 }), { 2: (d: Doc) => d }, 3));
    expect(fresh.details.path).toBe('$.spans[2].timeSpans');
    expect(migrated.details.path).toBe(fresh.details.path);
    expect(migrated.message).toBe(fresh.message);
  });

  it('a migration that returns accessors or non-enumerable keys: read through, never kept', () => {
    const table = {
      1: MIGRATIONS[1]!,
      2: (doc: Doc) => {
        const spans = { ...doc.spans };
        const id = [...doc.spans.id];
        Object.defineProperty(spans, 'id', { get: () => id, enumerable: true });
        Object.defineProperty(spans, 'hidden', { value: 1, enumerable: false });
        return { ...doc, spans, strings: doc.strings.map((s: string) => (s === 'AMRAP 5' ? 'AMRAP five' : s)) };
      },
    };
    const span = deserializeWith(FIXTURE, table, 3).spans[0]!;
    expect(span.label).toBe('AMRAP five');
    expect(Object.getOwnPropertyDescriptor(span, 'label')).toMatchObject({ value: 'AMRAP five', writable: false });
    expect(Object.hasOwn(span, 'hidden')).toBe(false);
  });

  it('a "__proto__" key in a record is an unknown field, and no prototype changes', () => {
    const json = FIXTURE.replace('"label": "Pull-ups",', '"label": "Pull-ups", "__proto__": { "polluted": true },');
    expect(json).not.toBe(FIXTURE);
    const error = thrown(() => deserialize(json));
    expect(error.details.path).toBe('$.spans[1].__proto__');
    expect(error.details.reason).toBe('unknown field');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an enumerable key on Object.prototype is not taken for a field of the document', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.colour = 'red';
    try {
      const snap = deserialize(FIXTURE);
      expect(snap.spans).toHaveLength(3);
      const doc = JSON.parse(FIXTURE) as Doc;
      doc.spans[0].size = 'L';
      expect(thrown(() => deserialize(JSON.stringify(doc))).details.path).toBe('$.spans[0].size');
    } finally {
      delete proto.colour;
    }
  });

  it('a JSON value of a custom metric is deeply frozen in place', () => {
    const json = FIXTURE.replace('"value": 142,', '"value": { "zones": [1, 2, { "z": 3 }] },');
    const snap = deserialize(json);
    const value = snap.spans[0]!.metrics.custom.heartRate!.value as { zones: unknown[] };
    expect(value).toEqual({ zones: [1, 2, { z: 3 }] });
    expect(deeplyFrozen(value)).toBe(true);
  });
});
