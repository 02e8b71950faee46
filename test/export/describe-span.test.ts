import { describe, expect, it } from 'vitest';
import { runCindy } from '../../examples/workouts/cindy';
import { runEmom } from '../../examples/workouts/emom';
import { runFran, T0 } from '../../examples/workouts/fran';
import { createManualClock, createTracker } from 'workout-spans';
import { describeSpan } from 'workout-spans/export';

describe('describeSpan', () => {
  const fran = runFran().tracker.getSnapshot();

  it('picks the icon by span type', () => {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock });
    const icons = ['timer', 'rounds', 'effort', 'interval', 'emom', 'amrap', 'group'].map((type) => {
      const span = tracker.startSpan({ key: type, label: type, blockType: type }, null)!;
      return describeSpan(span).icon;
    });
    expect(icons).toEqual(['clock', 'rotate-cw', 'activity', 'timer', 'timer', 'zap', 'layers']);
  });

  it('tags reps, weight, distance and the rep scheme, and names the round', () => {
    const [timer, rounds, thrusters2] = [fran.spans[0]!, fran.spans[1]!, fran.spans[4]!];
    expect(describeSpan(timer)).toEqual({ icon: 'clock', title: 'For Time', tags: [] });
    expect(describeSpan(rounds)).toEqual({ icon: 'rotate-cw', title: '21-15-9', tags: ['21-15-9'], footer: 'Round 3/3' });
    expect(describeSpan(thrusters2)).toEqual({ icon: 'activity', title: 'Thrusters', tags: ['15 reps', '95 lb'] });
    // With the snapshot, an effort takes the round of the span it ran in.
    expect(describeSpan(thrusters2, fran).footer).toBe('Round 2/3');
    expect(describeSpan(fran.spans[2]!, fran).footer).toBe('Round 1/3');
  });

  it('tags a distance and a timer cap; footers "Minute m" on an EMOM', () => {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock });
    tracker.startSpan({ key: 'row', label: 'Row', blockType: 'effort' });
    tracker.recordMetric('row', 'distance', 400, 'm');
    expect(describeSpan(tracker.getActiveSpan('row')!).tags).toEqual(['400 m']);
    const cindy = runCindy().tracker.getSnapshot();
    expect(describeSpan(cindy.spans[0]!)).toEqual({ icon: 'zap', title: 'AMRAP 20', tags: ['20:00'], footer: 'Round 9' });
    const emom = runEmom().tracker.getSnapshot();
    expect(describeSpan(emom.spans[0]!).footer).toBe('Minute 10');
    expect(describeSpan(emom.spans[4]!, emom).footer).toBe('Minute 4');
    expect(describeSpan(emom.spans[4]!).footer).toBeUndefined();
  });

  it('hands out a frozen, JSON-safe object', () => {
    const d = describeSpan(fran.spans[1]!);
    expect(Object.isFrozen(d)).toBe(true);
    expect(Object.isFrozen(d.tags)).toBe(true);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });
});
