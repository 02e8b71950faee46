// Server rendering with no DOM at all (the default node environment).
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { expect, it, vi } from 'vitest';
import { createManualClock, createTracker, type ExecutionTracker } from 'workout-spans';
import { useExecutionSpans, useSpan } from 'workout-spans/react';

function Board({ t, id }: { t: ExecutionTracker; id: string }): ReactNode {
  const { active, completed } = useExecutionSpans(t);
  const root = useSpan(t, id);
  return (
    <div>
      <h1>{root?.label}</h1>
      <p>{active.length} active</p>
      <ol>
        {completed.map((s) => (
          <li key={s.id}>
            {s.label} {s.metrics.reps?.value}
          </li>
        ))}
      </ol>
    </div>
  );
}

it('renders the tracker to a string with the server snapshot, and leaves no subscriber behind', () => {
  const error = vi.spyOn(console, 'error');
  const clock = createManualClock(0);
  const t = createTracker({ clock });
  const wod = t.startSpan({ key: 'wod', label: 'Fran', blockType: 'timer' })!;
  t.startSpan({ key: 'thr', label: 'Thrusters', blockType: 'effort' });
  clock.advance(60_000);
  t.recordMetric('thr', 'reps', 21, 'reps');
  t.endSpan('thr');
  const html = renderToString(<Board t={t} id={wod.id} />);
  expect(html).toContain('<h1>Fran</h1>');
  expect(html).toContain('<li>Thrusters<!-- --> <!-- -->21</li>');
  expect(html).toContain('1<!-- --> active');
  expect(t.stats().subscribers).toBe(0);
  expect(error).not.toHaveBeenCalled();
  error.mockRestore();
});
