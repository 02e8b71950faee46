import { describe, expect, it } from 'vitest';
import { runCindy } from '../../examples/workouts/cindy';
import { runEmom } from '../../examples/workouts/emom';
import { runFran } from '../../examples/workouts/fran';
import { renderTree } from 'workout-spans/export';

describe('renderTree', () => {
  it('draws the Fran tree with m:ss times, start offsets and round reps', () => {
    const lines = renderTree(runFran().tracker.getSnapshot()).split('\n');
    expect(lines[0]).toBe('For Time [timer] completed · 4:00');
    expect(lines[1]).toBe('└─ 21-15-9 [rounds] completed @0:00 · 4:00  {21-15-9}');
    expect(lines[2]).toBe('   │  ◦ Round 1 [round] @0:00 1:45 · 42 reps');
    expect(lines).toContain('   ├─ Thrusters [effort] completed @1:45 · 0:40  {15 reps, 95 lb}');
    expect(lines.at(-1)).toBe('   └─ Pull-ups [effort] completed @3:30 · 0:30  {9 reps}');
  });

  it('shows paused and rest time only where there is some', () => {
    const cindy = renderTree(runCindy().tracker.getSnapshot(), { segments: false }).split('\n');
    expect(cindy[0]).toBe('AMRAP 20 [amrap] completed · 21:00 (elapsed 20:00, paused 1:00)');
    expect(cindy).toHaveLength(1 + 8 * 3 + 3); // the root, 8 full rounds and round 9's three efforts
    const emom = renderTree(runEmom().tracker.getSnapshot()).split('\n');
    expect(emom[0]).toBe('EMOM 10 [emom] completed · 10:00 · work 6:40 / rest 3:20');
    expect(emom).toContain('│  ◦ Rest [rest] @0:40 0:20 of 0:20');
  });

  it('marks open segments and paused spans of a running workout', () => {
    const { tracker, clock } = runCindy({}, 340);
    const text = renderTree(tracker.getSnapshot(), { at: clock.now() });
    expect(text).toContain('AMRAP 20 [amrap] active, paused · 5:40 (elapsed 5:20, paused 0:20)');
    expect(text).toContain('◦ Round 3 [round] @4:30 1:10 (open) · 5 reps');
    expect(text).toContain('⏸ Paused [pause] @5:20 0:20 (open)');
  });

  it('keeps a label with a newline on its line', () => {
    const snapshot = runFran().tracker.getSnapshot();
    const renamed = { ...snapshot, spans: snapshot.spans.map((s, i) => (i === 0 ? { ...s, label: 'For\nTime' } : s)) };
    expect(renderTree(renamed).split('\n')[0]).toBe('For Time [timer] completed · 4:00');
  });
});
