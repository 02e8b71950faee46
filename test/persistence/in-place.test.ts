import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from 'workout-spans/persistence';
import { deserializeWith } from '../../src/persistence/deserialize';
import { deeplyFrozen, fixture, thrown } from './support';

/**
 * The reader freezes a document fresh from JSON.parse in place and copies one a migration returned
 * (read-document.ts): both paths must check the same things and give the same snapshot.
 */

const FIXTURE = fixture('amrap-v1.json');
type Doc = { [k: string]: any };

describe('deserialize: fresh documents (frozen in place) and migrated ones (copied)', () => {
  it('a migrated document gives the same snapshot, and the objects the migration returned are not frozen', () => {
    const shared: Doc[] = [];
    const table = {
      1: (doc: Doc) => {
        // Hands out objects it keeps: the reader must not freeze them.
        const spans = doc.spans.map((s: Doc) => ({ ...s }));
        shared.push(...spans, ...spans.map((s: Doc) => s.metrics), doc.metrics);
        return { ...doc, spans };
      },
    };
    const migrated = deserializeWith(FIXTURE, table, 2);
    expect(shared.length).toBeGreaterThan(0);
    for (const o of shared) expect(Object.isFrozen(o)).toBe(false);
    expect(deeplyFrozen(migrated)).toBe(true);
    const fresh = deserialize(FIXTURE);
    expect(migrated.spans).toStrictEqual(fresh.spans);
    expect(migrated.metrics).toStrictEqual(fresh.metrics);
    expect(serialize(migrated)).toBe(serialize(fresh));
  });

  it('a migrated document is checked like a fresh one: same error, same path', () => {
    const doc = JSON.parse(FIXTURE) as Doc;
    doc.spans[2].timeSpans[0].stop = 1_700_000_050_000;
    const json = JSON.stringify(doc);
    const fresh = thrown(() => deserialize(json));
    const migrated = thrown(() => deserializeWith(json, { 1: (d: Doc) => d }, 2));
    expect(migrated.details.path).toBe(fresh.details.path);
    expect(migrated.message).toBe(fresh.message);
  });

  it('a migration that returns accessors or non-enumerable keys: read through, never kept', () => {
    const table = {
      1: (doc: Doc) => {
        const span = { ...doc.spans[0] };
        Object.defineProperty(span, 'label', { get: () => 'AMRAP five', enumerable: true });
        Object.defineProperty(span, 'hidden', { value: 1, enumerable: false });
        return { ...doc, spans: [span, ...doc.spans.slice(1)] };
      },
    };
    const span = deserializeWith(FIXTURE, table, 2).spans[0]!;
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
