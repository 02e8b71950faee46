import { describe, expect, it } from 'vitest';
import { runCindy } from '../../examples/workouts/cindy';
import { runFran, T0 } from '../../examples/workouts/fran';
import { createManualClock, createTracker, ExecutionTracker } from 'workout-spans';
import { toCSV } from 'workout-spans/export';
import { deserialize, serialize } from 'workout-spans/persistence';
import { parseCsv } from './rfc4180';

const NASTY = 'Thrusters, "heavy"\nthen rest';

function nastySnapshot() {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock, strict: true });
  tracker.startSpan({ key: 'w', label: NASTY, blockType: 'rounds' });
  tracker.startSegment('w', 'round', 'Round "1", a\r\nb', 0);
  tracker.startSpan({ key: 'e', label: 'Row, 500 m', blockType: 'effort' });
  clock.advance(30_000);
  tracker.recordMetric('e', 'reps', 12, 'reps', 'watch "A", left');
  tracker.recordMetric('e', 'note', 'felt "ok",\nfine', 'text');
  tracker.endSpan('w');
  return tracker.getSnapshot();
}

describe('toCSV', () => {
  it('writes RFC 4180: CRLF line ends, one header, one row per span / segment / record', () => {
    const snapshot = runFran().tracker.getSnapshot();
    for (const [kind, count] of [
      ['spans', snapshot.spans.length],
      ['segments', 3],
      ['metrics', snapshot.metrics.length],
    ] as const) {
      const text = toCSV(snapshot, kind);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      const rows = parseCsv(text);
      expect(rows[0]![0]).toBe('id');
      expect(rows.filter((r) => r[0] === 'id')).toHaveLength(1);
      expect(rows).toHaveLength(count + 1);
      for (const row of rows) expect(row).toHaveLength(rows[0]!.length);
    }
  });

  it('quotes fields holding quotes, commas and newlines, and reads back exactly', () => {
    const snapshot = nastySnapshot();
    const spans = parseCsv(toCSV(snapshot, 'spans'));
    const label = spans[0]!.indexOf('label');
    expect(spans.slice(1).map((r) => r[label])).toEqual([NASTY, 'Row, 500 m']);
    const segments = parseCsv(toCSV(snapshot, 'segments'));
    expect(segments[1]![segments[0]!.indexOf('label')]).toBe('Round "1", a\r\nb');
    const metrics = parseCsv(toCSV(snapshot, 'metrics'));
    const h = metrics[0]!;
    const note = metrics.find((r) => r[h.indexOf('key')] === 'note')!;
    expect(note[h.indexOf('value')]).toBe('felt "ok",\nfine');
    const reps = metrics.find((r) => r[h.indexOf('key')] === 'reps')!;
    expect(reps[h.indexOf('source')]).toBe('watch "A", left');
  });

  it("carries a record's exerciseId, a span's endReason, a segment's closedByEnd and cause", () => {
    const clock = createManualClock(T0);
    const first = createTracker({ clock, strict: true });
    first.startSpan({ key: 'amrap', label: 'AMRAP', blockType: 'amrap' });
    first.startSegment('amrap', 'round', 'Round 1', 0);
    clock.advance(10_000);
    first.recordMetric('amrap', 'reps', 5, 'reps', { exerciseId: 'pull-up' });
    const saved = deserialize(serialize(first));
    clock.advance(5_000); // the page was reloaded: an 'Interrupted' pause
    const tracker = ExecutionTracker.restore(saved, { clock, strict: true });
    tracker.endSpan('amrap', 'completed', 'timer-expired');
    const snapshot = tracker.getSnapshot();

    const spans = parseCsv(toCSV(snapshot, 'spans'));
    expect(spans[1]![spans[0]!.indexOf('endReason')]).toBe('timer-expired');
    const segments = parseCsv(toCSV(snapshot, 'segments'));
    const sh = segments[0]!;
    const round = segments.find((r) => r[sh.indexOf('type')] === 'round')!;
    expect(round[sh.indexOf('closedByEnd')]).toBe('true');
    const pause = segments.find((r) => r[sh.indexOf('type')] === 'pause')!;
    expect(pause[sh.indexOf('cause')]).toBe('reload');
    const metrics = parseCsv(toCSV(snapshot, 'metrics'));
    expect(metrics[1]![metrics[0]!.indexOf('exerciseId')]).toBe('pull-up');
  });

  it('carries the figures: span totals, segment reps, record context', () => {
    const { tracker, rootId } = runCindy();
    const snapshot = tracker.getSnapshot();
    const spans = parseCsv(toCSV(snapshot, 'spans'));
    const h = spans[0]!;
    const root = spans.find((r) => r[h.indexOf('id')] === rootId)!;
    expect([root[h.indexOf('totalMs')], root[h.indexOf('elapsedMs')], root[h.indexOf('pausedMs')]]).toEqual([
      '1260000',
      '1200000',
      '60000',
    ]);
    expect(root[h.indexOf('parentSpanId')]).toBe('');
    const segments = parseCsv(toCSV(snapshot, 'segments'));
    const sh = segments[0]!;
    const r9 = segments.find((r) => r[sh.indexOf('label')] === 'Round 9')!;
    expect(r9[sh.indexOf('reps')]).toBe('26');
    const metrics = parseCsv(toCSV(snapshot, 'metrics'));
    const mh = metrics[0]!;
    const pushups3 = metrics.find((r) => r[mh.indexOf('key')] === 'reps' && r[mh.indexOf('recordedAt')] === String(T0 + 405_000))!;
    expect(pushups3[mh.indexOf('totalElapsedMs')]).toBe('345000');
    expect(pushups3[mh.indexOf('spanIds')]!.split(' ')[0]).toBe(rootId);
  });

  it('writes array values as JSON and refuses an unknown kind', () => {
    const metrics = parseCsv(toCSV(runFran().tracker.getSnapshot(), 'metrics'));
    const h = metrics[0]!;
    expect(metrics.find((r) => r[h.indexOf('key')] === 'repScheme')![h.indexOf('value')]).toBe('[21,15,9]');
    expect(() => toCSV(runFran().tracker.getSnapshot(), 'laps' as never)).toThrow(TypeError);
  });
});
