// @vitest-environment happy-dom
import { act, StrictMode, useState, type ReactNode } from 'react';
import { createRoot, hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createManualClock, createTracker, type ExecutionSpan, type ExecutionTracker, type ManualClock } from 'workout-spans';
import { runFran } from '../../examples/workouts/fran';
import { summarize, type WorkoutSummary } from '../../src/analysis/index';
import { useExecutionSpans, useSpan, useWorkoutSummary, type ExecutionSpansView } from 'workout-spans/react';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let clock: ManualClock;
let tracker: ExecutionTracker;
let container: HTMLElement;
let root: Root | undefined;
let consoleError: MockInstance;

beforeEach(() => {
  clock = createManualClock(1_000);
  tracker = createTracker({ clock });
  container = document.createElement('div');
  document.body.appendChild(container);
  consoleError = vi.spyOn(console, 'error');
});

afterEach(() => {
  if (root !== undefined) act(() => root!.unmount());
  root = undefined;
  container.remove();
  // No "getSnapshot should be cached", no act() warning, no hydration mismatch: nothing at all.
  expect(consoleError).not.toHaveBeenCalled();
  consoleError.mockRestore();
});

function mount(node: ReactNode): void {
  root = createRoot(container);
  act(() => root!.render(node));
}

/** Renders the active spans and logs each view it rendered with. */
function Spans({ t, log }: { t: ExecutionTracker; log: ExecutionSpansView[] }): ReactNode {
  const view = useExecutionSpans(t);
  log.push(view);
  return (
    <p>
      {view.active.map((s) => s.label).join(',')}|{view.completed.length}
    </p>
  );
}

describe('useExecutionSpans', () => {
  it('renders once per change, with the spans and byId of that change', () => {
    const log: ExecutionSpansView[] = [];
    mount(<Spans t={tracker} log={log} />);
    expect(log).toHaveLength(1);
    expect(container.textContent).toBe('|0');

    let root1: ExecutionSpan | undefined;
    act(() => void (root1 = tracker.startSpan({ key: 'wod', label: 'Fran', blockType: 'timer' })));
    expect(log).toHaveLength(2);
    expect(container.textContent).toBe('Fran|0');

    act(() => {
      clock.advance(1_000);
      tracker.startSpan({ key: 'thr', label: 'Thrusters', blockType: 'effort' });
    });
    expect(log).toHaveLength(3);
    expect(container.textContent).toBe('Fran,Thrusters|0');

    act(() => {
      clock.advance(30_000);
      tracker.recordMetric('thr', 'reps', 21, 'reps');
    });
    expect(log).toHaveLength(4);
    expect(log[3]!.byId.get(log[3]!.active[1]!.id)!.metrics.reps!.value).toBe(21);

    act(() => void tracker.endSpan('thr'));
    expect(log).toHaveLength(5);
    expect(container.textContent).toBe('Fran|1');
    const view = log[4]!;
    expect(view.byId).toBeInstanceOf(Map);
    expect([...view.byId.keys()]).toEqual(tracker.getSnapshot().spans.map((s) => s.id));
    expect(view.byId.get(root1!.id)!.label).toBe('Fran');
    expect(view.completed.map((s) => s.label)).toEqual(['Thrusters']);
  });

  it('renders nothing for a call that changed nothing', () => {
    const log: ExecutionSpansView[] = [];
    mount(<Spans t={tracker} log={log} />);
    act(() => {
      tracker.recordMetric('nobody', 'reps', 1, 'reps'); // refused (lenient): no change
      tracker.getSnapshot();
      clock.advance(5_000); // time passing is not a change
    });
    expect(log).toHaveLength(1);
  });

  it('renders once for a batch, and subscribers hear of it once', () => {
    const log: ExecutionSpansView[] = [];
    let heard = 0;
    const off = tracker.subscribe(() => heard++);
    mount(<Spans t={tracker} log={log} />);
    act(() =>
      tracker.batch(() => {
        tracker.startSpan({ key: 'wod', label: 'Cindy', blockType: 'amrap' });
        tracker.startSegment('wod', 'round', 'Round 1', 0);
        tracker.startSpan({ key: 'pu', label: 'Pull-ups', blockType: 'effort' });
        clock.advance(20_000);
        tracker.recordMetric('pu', 'reps', 5, 'reps');
        tracker.endSpan('pu');
      }),
    );
    expect(heard).toBe(1);
    expect(log).toHaveLength(2);
    expect(container.textContent).toBe('Cindy|1');
    off();
  });

  it('returns the same object while nothing changed, even when the component re-renders', () => {
    const log: ExecutionSpansView[] = [];
    let bump: () => void = () => {};
    function Parent(): ReactNode {
      const [n, setN] = useState(0);
      bump = () => setN(n + 1);
      return (
        <>
          <span>{n}</span>
          <Spans t={tracker} log={log} />
        </>
      );
    }
    tracker.startSpan({ key: 'wod', label: 'EMOM', blockType: 'emom' });
    mount(<Parent />);
    act(() => bump());
    act(() => bump());
    expect(log).toHaveLength(3);
    expect(log[1]).toBe(log[0]);
    expect(log[2]).toBe(log[0]);
    expect(Object.isFrozen(log[0])).toBe(true);
    act(() => void tracker.recordMetric('wod', 'reps', 10, 'reps'));
    expect(log).toHaveLength(4);
    expect(log[3]).not.toBe(log[0]);
  });

  it('two components on one tracker share one view per snapshot', () => {
    const a: ExecutionSpansView[] = [];
    const b: ExecutionSpansView[] = [];
    mount(
      <>
        <Spans t={tracker} log={a} />
        <Spans t={tracker} log={b} />
      </>,
    );
    act(() => void tracker.startSpan({ key: 'wod', label: 'Fran' }));
    expect(a.at(-1)).toBe(b.at(-1));
  });

  it('unsubscribes on unmount (StrictMode included), and resubscribes when the tracker changes', () => {
    const other = createTracker({ clock });
    let setT: (t: ExecutionTracker) => void = () => {};
    function Switch(): ReactNode {
      const [t, set] = useState(tracker);
      setT = set;
      return <Spans t={t} log={[]} />;
    }
    expect(tracker.stats().subscribers).toBe(0);
    mount(
      <StrictMode>
        <Switch />
      </StrictMode>,
    );
    expect(tracker.stats().subscribers).toBe(1);
    act(() => setT(other));
    expect(tracker.stats().subscribers).toBe(0);
    expect(other.stats().subscribers).toBe(1);
    act(() => void other.startSpan({ key: 'x', label: 'Other' }));
    expect(container.textContent).toBe('Other|0');
    act(() => root!.unmount());
    root = undefined;
    expect(other.stats().subscribers).toBe(0);
  });
});

describe('useSpan', () => {
  it('follows one span and re-renders only when that span changes', () => {
    const wod = tracker.startSpan({ key: 'wod', label: 'Fran', blockType: 'timer' })!;
    const seen: (ExecutionSpan | undefined)[] = [];
    function One({ id }: { id: string }): ReactNode {
      const span = useSpan(tracker, id);
      seen.push(span);
      return <i>{span?.metrics.reps?.value ?? '-'}</i>;
    }
    mount(<One id={wod.id} />);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.label).toBe('Fran');

    // Changes to another span leave this one (and its component) alone.
    act(() => {
      tracker.startSpan({ key: 'thr', label: 'Thrusters', blockType: 'effort' });
    });
    act(() => void tracker.recordMetric('thr', 'reps', 21, 'reps'));
    act(() => void tracker.endSpan('thr'));
    expect(seen).toHaveLength(1);

    act(() => void tracker.recordMetric('wod', 'reps', 45, 'reps'));
    expect(seen).toHaveLength(2);
    expect(container.textContent).toBe('45');
  });

  it('is undefined for an unknown or missing id', () => {
    let got: ExecutionSpan | undefined | null = null;
    function Missing(): ReactNode {
      got = useSpan(tracker, 'no-such-span');
      useSpan(tracker, undefined);
      return null;
    }
    mount(<Missing />);
    expect(got).toBeUndefined();
  });
});

describe('server rendering', () => {
  it('renders the tracker on the server and hydrates without a mismatch', () => {
    tracker.startSpan({ key: 'wod', label: 'Fran', blockType: 'timer' });
    tracker.startSpan({ key: 'thr', label: 'Thrusters', blockType: 'effort' });
    tracker.endSpan('thr');
    const html = renderToString(<Spans t={tracker} log={[]} />);
    expect(html).toBe('<p>Fran<!-- -->|<!-- -->1</p>');
    container.innerHTML = html;
    const log: ExecutionSpansView[] = [];
    act(() => void (root = hydrateRoot(container, <Spans t={tracker} log={log} />)));
    expect(container.textContent).toBe('Fran|1');
    act(() => void tracker.endSpan('wod'));
    expect(container.textContent).toBe('|2');
  });
});

describe('useWorkoutSummary', () => {
  it('is summarize(getSnapshot()) once per change, the same object in between, undefined with no span', () => {
    const seen: (WorkoutSummary | undefined)[] = [];
    let bump: () => void = () => {};
    function Score(): ReactNode {
      const [n, setN] = useState(0);
      bump = () => setN(n + 1);
      const summary = useWorkoutSummary(tracker);
      seen.push(summary);
      return <b>{summary?.score.display ?? '-'}</b>;
    }
    mount(<Score />);
    expect(seen).toEqual([undefined]);
    expect(container.textContent).toBe('-');

    let wod: ExecutionSpan | undefined;
    act(() => {
      wod = tracker.startSpan({ key: 'wod', label: 'For Time', blockType: 'timer' });
      tracker.startSegment('wod', 'round', 'Round 1', 0);
    });
    act(() => {
      clock.advance(61_000);
      tracker.recordMetric('wod', 'reps', 21, 'reps');
    });
    expect(container.textContent).toBe('1:01');
    act(() => bump());
    expect(seen.at(-1)).toBe(seen.at(-2));
    act(() => {
      clock.advance(4_000);
      tracker.endSpan('wod');
    });
    expect(container.textContent).toBe('1:05');
    expect(seen.at(-1)).toEqual(summarize(tracker.getSnapshot()));
    expect(seen.at(-1)!.rootSpanId).toBe(wod!.id);
  });

  it('reads the root it is given, and undefined for a root the tracker does not hold', () => {
    const { tracker: fran, timerId } = runFran();
    let got: WorkoutSummary | undefined | null = null;
    let missing: WorkoutSummary | undefined | null = null;
    function Two(): ReactNode {
      got = useWorkoutSummary(fran, { rootSpanId: timerId });
      missing = useWorkoutSummary(fran, { rootSpanId: 'nope' });
      return null;
    }
    mount(<Two />);
    expect(got!.score).toMatchObject({ type: 'time', display: '4:00' });
    expect(missing).toBeUndefined();
  });
});
