import { describe, expect, it } from 'vitest';
import { summarize } from 'workout-spans/analysis';
import { craftRounds } from './craft';

const kinds = (roundMs: number[]): string[] => summarize(craftRounds(roundMs).tracker.getSnapshot()).anomalies.map((a) => a.kind);

describe('anomalies: slow-round', () => {
  it('flags a round longer than 1.5 × the median round, naming it', () => {
    const s = summarize(craftRounds([60_000, 60_000, 100_000, 60_000]).tracker.getSnapshot());
    const slow = s.anomalies.filter((a) => a.kind === 'slow-round');
    expect(slow).toHaveLength(1);
    expect(slow[0]!.label).toBe('Round 3');
    expect(slow[0]!.detail).toContain('1:40');
    expect(slow[0]!.detail).toContain('median 1:00');
  });

  it('does not flag a round of exactly 1.5 × the median', () => {
    expect(kinds([60_000, 60_000, 90_000, 60_000])).not.toContain('slow-round');
  });
});

describe('anomalies: fatigue (least-squares slope of round times)', () => {
  it('flags round times rising by more than 10 % from the fitted first to the fitted last round', () => {
    const s = summarize(craftRounds([60_000, 64_000, 68_000, 72_000]).tracker.getSnapshot());
    expect(s.anomalies).toEqual([{ kind: 'fatigue', label: 'Crafted', detail: expect.stringContaining('+20 %') }]);
  });

  it('does not flag a rise of 10 % or less, falling times, or fewer than 3 rounds', () => {
    expect(kinds([60_000, 63_000, 66_000])).not.toContain('fatigue'); // +10 % exactly
    expect(kinds([90_000, 80_000, 70_000])).not.toContain('fatigue');
    expect(kinds([60_000, 120_000])).not.toContain('fatigue');
  });

  it('reads the trend, not the ends: a slow first round does not hide times rising after it', () => {
    // First vs last alone: 1:20 → 1:24, +5 %. The fitted line: 1:07.6 → 1:19.0, +17 %.
    const s = summarize(craftRounds([80_000, 60_000, 66_000, 72_000, 78_000, 84_000]).tracker.getSnapshot());
    expect(s.anomalies).toEqual([{ kind: 'fatigue', label: 'Crafted', detail: expect.stringContaining('+17 %') }]);
  });
});

describe('anomalies: long-pause', () => {
  it('flags a pause longer than a minute once, though the root and its child each hold a pause segment', () => {
    const { tracker, clock } = craftRounds([60_000], { end: false });
    tracker.startSpan({ key: 'x', label: 'Rowing', blockType: 'effort' });
    clock.advance(10_000);
    tracker.pause();
    clock.advance(90_000);
    tracker.resume();
    clock.advance(5_000);
    tracker.endSpan('root');
    const snapshot = tracker.getSnapshot();
    expect(snapshot.spans.filter((sp) => sp.segments.some((seg) => seg.type === 'pause'))).toHaveLength(2);
    const s = summarize(snapshot);
    expect(s.anomalies).toEqual([{ kind: 'long-pause', label: 'Paused', detail: '1:30 at 1:10 in Crafted' }]);
    expect(s.totals.pausedMs).toBe(90_000);
  });

  it('flags a pause still open at the reading instant', () => {
    const { tracker, clock } = craftRounds([60_000], { end: false });
    tracker.pause();
    clock.advance(61_000);
    const s = summarize(tracker.getSnapshot(), { at: clock.now() });
    expect(s.anomalies).toEqual([{ kind: 'long-pause', label: 'Paused', detail: '1:01 at 1:00 in Crafted (still paused)' }]);
  });
});
