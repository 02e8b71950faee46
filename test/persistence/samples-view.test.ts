import { describe, expect, it } from 'vitest';
import { ColumnSamples, NO_SAMPLES, samplesView } from '../../src/model/samples-view';

/** The samples view of snapshots (src/model/samples-view.ts): what deserialize returns and serialize reads. */

const hr = { root: 'r', key: 'heartRate', unit: 'bpm', t: [10, 20, 20, 30], v: [120, 121, 122, 123] };

describe('samplesView', () => {
  it('answers roots, keys and series in the order given; ranges are inclusive at both ends', () => {
    const view = samplesView([
      hr,
      { root: 'r', key: 'power', unit: 'W', t: [15], v: [200] },
      { root: 'q', key: 'cadence', unit: 'rpm', t: [], v: [] },
    ]);
    expect(view.roots()).toEqual(['r', 'q']);
    expect(view.keys('r')).toEqual(['heartRate', 'power']);
    expect(view.keys('nobody')).toEqual([]);
    expect(Array.from(view.get('r', 'heartRate', { from: 20, to: 20 })!.v)).toEqual([121, 122]);
    expect(Array.from(view.get('r', 'heartRate', { from: 21 })!.t)).toEqual([30]);
    expect(Array.from(view.get('r', 'heartRate', { to: 9 })!.t)).toEqual([]);
    expect(view.get('r', 'heartRate', { from: 40, to: 5 })!.t).toHaveLength(0);
    expect(view.get('r', 'nothing')).toBeUndefined();
    expect(Object.isFrozen(view.get('r', 'heartRate'))).toBe(true);
  });

  it('two views holding the same samples are deep-equal; different ones are not', () => {
    const a = samplesView([hr]);
    const b = samplesView([{ ...hr, t: Float64Array.from(hr.t), v: new Float64Array([...hr.v, 0]).subarray(0, 4) }]);
    expect(a).toStrictEqual(b);
    expect(a).not.toStrictEqual(samplesView([{ ...hr, v: [120, 121, 122, 124] }]));
    expect(samplesView([])).toBe(NO_SAMPLES);
    expect(NO_SAMPLES).toStrictEqual(new ColumnSamples([]));
  });

  it('a Float64Array column is used as it is (no copy)', () => {
    const t = new Float64Array([1, 2]);
    expect(samplesView([{ ...hr, t, v: [1, 2] }]).get('r', 'heartRate')!.t).toBe(t);
  });

  it('bad series and bad ranges are TypeErrors', () => {
    const bad = [
      { ...hr, root: '' },
      { ...hr, key: 5 },
      { ...hr, unit: null },
      { ...hr, t: [1, 2] },
      { ...hr, t: [30, 20, 10, 0] },
      { ...hr, v: [1, 2, Number.NaN, 4] },
      { ...hr, t: 'abc' },
      null,
    ];
    for (const s of bad) expect(() => samplesView([s as never])).toThrow(TypeError);
    expect(() => samplesView([hr, hr])).toThrow(TypeError);
    const view = samplesView([hr]);
    expect(() => view.get('r', 'heartRate', { from: Number.NaN })).toThrow(TypeError);
    expect(() => view.get('r', 'heartRate', 5 as never)).toThrow(TypeError);
    const hostile = {
      get from(): number {
        throw new Error('no');
      },
    };
    expect(() => view.get('r', 'heartRate', hostile)).toThrow(TypeError);
  });
});
