import { describe, expect, it } from 'vitest';
import { main, runFranThroughActions, T0 } from '../../examples/runtime/index';
import { runFran } from '../../examples/workouts/fran';
import type { ExecutionSpan } from 'workout-spans';
import type { IScriptRuntime } from 'workout-spans/runtime';

/** The spans as times and labels, ids left out: two runs of the same workout compare equal. */
function shape(spans: readonly ExecutionSpan[]) {
  return spans.map((s) => ({
    label: s.label,
    type: s.type,
    status: s.status,
    times: [s.startTime, s.endTime],
    segments: s.segments.map((g) => [g.type, g.label, g.index, g.startTime, g.endTime]),
    metrics: { ...s.metrics, custom: s.metrics.custom },
  }));
}

describe('the example block runtime', () => {
  it('drives Fran through actions only, to the same spans and figures as the direct run (S1)', () => {
    const rt = runFranThroughActions({ strict: true });
    const direct = runFran({ strict: true }).tracker.getSnapshot();
    const viaActions = rt.executionTracker.getSnapshot();
    expect(shape(viaActions.spans)).toEqual(shape(direct.spans));
    const root = viaActions.spans[0]!;
    expect(rt.executionTracker.totals(root.id)!.totalMs).toBe(240_000);
    expect(root.startTime).toBe(T0);
    const rounds = viaActions.spans[1]!.segments.map((s) => s.endTime! - s.startTime);
    expect(rounds).toEqual([105_000, 75_000, 60_000]);
    expect(viaActions.metrics.map((r) => `${r.key}=${JSON.stringify(r.value)}`)).toEqual(
      direct.metrics.map((r) => `${r.key}=${JSON.stringify(r.value)}`),
    );
  });

  it('the runtime never calls the tracker except through actions', () => {
    let depth = 0;
    const calls: string[] = [];
    const rt = runFranThroughActions({}, (runtime) => {
      // Wrap each action's do(): any tracker change outside one is a runtime calling the tracker directly.
      const run = runtime.run.bind(runtime);
      runtime.run = (actions) =>
        run(
          actions?.map((a) => ({
            do: (r: IScriptRuntime) => {
              depth++;
              try {
                a.do(r);
              } finally {
                depth--;
              }
            },
          })),
        );
      runtime.executionTracker.subscribe(() => void calls.push(depth > 0 ? 'in action' : 'outside'));
    });
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c === 'in action')).toBe(true);
    expect(rt.executionTracker.getSnapshot().spans).toHaveLength(8);
  });

  it('main() prints both trees, the aggregator figures and the rejected rep', () => {
    const lines: string[] = [];
    const text = main((t) => lines.push(t));
    expect(lines.join('\n')).toBe(text);
    expect(text).toContain('For Time [timer] completed · 4:00');
    expect(text).toContain('Round 2 [round]');
    expect(text).toContain('EMOM 10 [emom] completed · 10:00');
    expect(text).toContain('thruster sets 3, median 40 s, total 130 s; reps 90');
    expect(text).toContain('rest blocks 10 × 20 s; burpee reps 100');
    expect(text).toContain("rejected: 3 reps on 'emom-rest-4' (rest)");
  });
});
