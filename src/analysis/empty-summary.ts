import { deepFreeze } from '../model/freeze';
import { splitStats } from './splits';
import type { WorkoutSummary } from './types';

/**
 * The summary of a snapshot with no span (a tracker before its first block): no root, every figure
 * 0, a time score of 0:00 and empty lists, so a screen can show it before the workout starts.
 */
export function emptySummary(): WorkoutSummary {
  return deepFreeze({
    rootSpanId: null,
    totals: { totalMs: 0, elapsedMs: 0, workMs: 0, restMs: 0, pausedMs: 0 },
    score: { type: 'time', value: 0, display: '0:00' },
    rounds: [],
    minutes: [],
    exercises: [],
    splits: splitStats([]),
    repsPerMinute: [],
    statuses: { active: 0, completed: 0, failed: 0, skipped: 0 },
    anomalies: [],
    samples: {},
  });
}
