/** Says when the tracker refused something (reps logged during a rest), for a few seconds. */
import { useEffect, useState } from 'react';
import type { ExecutionTracker } from 'workout-spans';

const REASONS: Record<string, string> = {
  rest: 'you are resting',
  paused: 'the clock is paused',
  invalid: 'not a valid value',
  'no-active-span': 'nothing is running',
};

export function Notices({ tracker }: { tracker: ExecutionTracker }) {
  const [notice, setNotice] = useState<string | undefined>(undefined);
  useEffect(() => {
    let hide: ReturnType<typeof setTimeout> | undefined;
    const off = tracker.on('metric:rejected', (e) => {
      setNotice(`${String(e.value)} ${e.key} not counted: ${REASONS[e.reason] ?? e.reason}`);
      clearTimeout(hide);
      hide = setTimeout(() => setNotice(undefined), 3000);
    });
    return () => {
      off();
      clearTimeout(hide);
    };
  }, [tracker]);
  return notice === undefined ? null : (
    <div className="notice" role="status" data-testid="notice">
      {notice}
    </div>
  );
}
