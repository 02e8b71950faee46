import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCindy } from '../../examples/workouts/cindy';
import { runEmom } from '../../examples/workouts/emom';
import { runFran, T0 } from '../../examples/workouts/fran';
import { createManualClock, createTracker, type ExecutionSpan, type MetricRecord, type TrackerSnapshot } from 'workout-spans';
import { EXERCISE_COLORS, renderTimelineSvg, SEGMENT_COLORS } from 'workout-spans/export';
import { contrastRatio, textColorOn } from '../../src/export/timeline-colors';
import { textWidth } from '../../src/export/timeline-text';
import { allElements, parseXml, type XmlElement } from './xml';

const byClass = (els: XmlElement[], cls: string): XmlElement[] => els.filter((e) => (e.attrs.class ?? '').split(' ').includes(cls));
const num = (e: XmlElement, attr: string): number => Number(e.attrs[attr]);

function render(snapshot: Parameters<typeof renderTimelineSvg>[0], options?: Parameters<typeof renderTimelineSvg>[1]) {
  const svg = renderTimelineSvg(snapshot, options);
  const root = parseXml(svg);
  return { svg, root, els: allElements(root) };
}

/** The text of the heading's first line. */
const headingOf = (els: XmlElement[]): string => byClass(els, 'heading-title')[0]!.text;

/** The clip rectangle a label is clipped to. */
function clipOf(els: XmlElement[], text: XmlElement): XmlElement {
  const id = /^url\(#(.+)\)$/.exec(text.attrs['clip-path']!)![1]!;
  return els.find((e) => e.name === 'clipPath' && e.attrs.id === id)!.children[0]!;
}

/** Every label inside a box is no wider than its box by the estimate the layout uses, and starts inside it. */
function expectLabelsInBoxes(els: XmlElement[]): void {
  for (const t of els.filter((e) => e.name === 'text' && e.attrs['clip-path'] !== undefined)) {
    const box = clipOf(els, t);
    const size = num(t, 'font-size');
    expect(num(t, 'x')).toBeGreaterThanOrEqual(num(box, 'x'));
    expect(num(t, 'x') - num(box, 'x') + textWidth(t.text, size, t.attrs['font-weight'] !== undefined)).toBeLessThanOrEqual(
      num(box, 'width') + 0.01,
    );
    expect(num(t, 'y') - size).toBeGreaterThanOrEqual(num(box, 'y') - 0.01);
    expect(num(t, 'y') + size * 0.3).toBeLessThanOrEqual(num(box, 'y') + num(box, 'height') + 0.01);
  }
}

/** Segment labels whose clip box overlaps a pause rect drawn in the same span group. */
function labelsUnderPauses(els: XmlElement[]): string[] {
  const out: string[] = [];
  for (const g of byClass(els, 'span-group')) {
    const pauses = byClass(g.children, 'pause');
    for (const t of byClass(g.children, 'segment-label')) {
      const box = clipOf(els, t);
      const [a, b] = [num(box, 'x'), num(box, 'x') + num(box, 'width')];
      // Coordinates are written to 0.01 px, so boxes that touch may seem to overlap by that much.
      if (pauses.some((p) => num(p, 'x') < b - 0.05 && num(p, 'x') + num(p, 'width') > a + 0.05)) out.push(t.text);
    }
  }
  return out;
}

/** The texts drawn in the effort boxes of each span, by span id. */
function effortTexts(els: XmlElement[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const g of byClass(els, 'span-group')) {
    const texts = byClass(g.children, 'effort-label').map((t) => t.text);
    const id = g.attrs['data-span-id']!;
    out.set(id, [...(out.get(id) ?? []), ...texts]);
  }
  return out;
}

const demos = () => [
  { name: 'Fran', snapshot: runFran().tracker.getSnapshot(), score: '4:00' },
  { name: 'Cindy', snapshot: runCindy().tracker.getSnapshot(), score: '8+26' },
  { name: 'EMOM', snapshot: runEmom().tracker.getSnapshot(), score: '10:00' },
];

describe('renderTimelineSvg', () => {
  it('draws well-formed SVG with one lane per depth and one bar per span', () => {
    for (const [run, lanes] of [
      [runFran, 3],
      [runCindy, 2],
      [runEmom, 2],
    ] as const) {
      const snapshot = run().tracker.getSnapshot();
      const { root, els } = render(snapshot, { rows: 1 });
      expect(root.name).toBe('svg');
      expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
      expect(byClass(els, 'lane')).toHaveLength(lanes);
      expect(byClass(els, 'span')).toHaveLength(snapshot.spans.length);
      const ids = els.map((e) => e.attrs.id).filter((id): id is string => id !== undefined);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('colours segments by type and hatches pauses with a pattern', () => {
    const emom = render(runEmom().tracker.getSnapshot()).els;
    expect(byClass(emom, 'minute').every((r) => r.attrs.fill === SEGMENT_COLORS.minute)).toBe(true);
    expect(byClass(emom, 'minute')).toHaveLength(10);
    expect(byClass(emom, 'rest')).toHaveLength(10);
    expect(byClass(emom, 'rest').every((r) => r.attrs.fill === SEGMENT_COLORS.rest)).toBe(true);
    const cindy = render(runCindy().tracker.getSnapshot()).els;
    const pattern = cindy.find((e) => e.name === 'pattern')!;
    expect(pattern.attrs.id).toBe('ws-hatch');
    const pauses = byClass(cindy, 'pause');
    expect(pauses).toHaveLength(2); // the root and the push-ups it paused
    expect(pauses.every((p) => p.attrs.fill === 'url(#ws-hatch)')).toBe(true);
    // The legend names what is drawn: the exercises, then the segment types, then the cap line.
    const legend = byClass(cindy, 'legend-item').map((g) => [g.attrs['data-kind'], g.children.find((e) => e.name === 'text')!.text]);
    expect(legend).toEqual([
      ['exercise', 'Pull-ups · 45 reps'],
      ['exercise', 'Push-ups · 90 reps'],
      ['exercise', 'Air squats · 131 reps'],
      ['segment', 'round'],
      ['segment', 'pause'],
      ['cap', 'time cap'],
    ]);
  });

  it('draws a time axis with m:ss ticks', () => {
    const { els } = render(runFran().tracker.getSnapshot());
    const axis = byClass(els, 'axis')[0]!;
    expect(axis.children.filter((e) => e.name === 'text').map((t) => t.text)).toEqual([
      '0:00',
      '0:30',
      '1:00',
      '1:30',
      '2:00',
      '2:30',
      '3:00',
      '3:30',
      '4:00',
    ]);
    const cindyAxis = byClass(render(runCindy().tracker.getSnapshot(), { rows: 1 }).els, 'axis')[0]!;
    expect(cindyAxis.children.filter((e) => e.name === 'text').map((t) => t.text)).toEqual(['0:00', '5:00', '10:00', '15:00', '20:00']);
  });

  it('escapes labels and keeps every label inside its clipped box', () => {
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock });
    const label = `<script>alert("x")</script> & 'quotes' \u0001 a very long label that cannot possibly fit in the bar`;
    tracker.startSpan({ key: 'a', label, blockType: 'amrap' });
    tracker.startSegment('a', 'round', 'R&D <1>', 0);
    clock.advance(1_000);
    tracker.startSpan({ key: 'b', label: 'tiny', blockType: 'effort' });
    clock.advance(10);
    tracker.endSpan('b');
    clock.advance(59_000);
    tracker.endSpan('a');
    const { svg, els } = render(tracker.getSnapshot(), { width: 400 });
    expect(svg).not.toContain('<script>');
    const texts = byClass(els, 'span-group').flatMap((g) => g.children.filter((e) => e.name === 'text'));
    expect(texts.length).toBeGreaterThan(0);
    expectLabelsInBoxes(els);
    const rootLabel = texts.find((t) => t.text.startsWith('<script>'))!;
    expect(rootLabel.text.endsWith('…')).toBe(true);
    expect(rootLabel.text).not.toContain('\u0001');
    // The round's label with its split time (1:00).
    expect(texts.some((t) => t.text === 'R&D <1> · 1:00')).toBe(true);
    // The 10 ms effort is too narrow for any label: its bar is drawn, its label left out.
    expect(texts.some((t) => t.text.startsWith('ti'))).toBe(false);
    // Labels escaped in the legend and tooltips too.
    expect(byClass(els, 'legend-item').some((g) => g.children.some((e) => e.text.startsWith('tiny')))).toBe(true);
    expect(byClass(els, 'span')[0]!.children[0]!.text).toContain('<script>');
  });

  it('draws one tree with rootSpanId, lets several timelines share a page, and handles no spans', () => {
    const fran = runFran();
    const roundsOnly = render(fran.tracker.getSnapshot(), { rootSpanId: fran.roundsId, idPrefix: '1 bad id' });
    expect(byClass(roundsOnly.els, 'lane')).toHaveLength(2);
    expect(byClass(roundsOnly.els, 'span')).toHaveLength(7);
    expect(roundsOnly.els.find((e) => e.name === 'pattern')!.attrs.id).toBe('ws1-bad-id-hatch');
    expect(() => renderTimelineSvg(fran.tracker.getSnapshot(), { rootSpanId: 'nope' })).toThrow(RangeError);
    const empty = render(createTracker().getSnapshot());
    expect(byClass(empty.els, 'lane')).toHaveLength(0);
    expect(empty.root.children.find((e) => e.name === 'title')!.text).toContain('No spans');
  });

  it('draws a running workout up to `at`, its open segments included', () => {
    const { tracker, clock } = runCindy({}, 400);
    const { els } = render(tracker.getSnapshot(), { at: clock.now() });
    const open = byClass(els, 'round').at(-1)!;
    expect(Number(open.attrs.x) + Number(open.attrs.width)).toBeCloseTo(960 - 16, 1);
  });
});

describe('renderTimelineSvg for a coach', () => {
  it('puts the score in the heading, not the total: 8+26 for Cindy, 4:00 for Fran', () => {
    for (const { snapshot, score } of demos()) {
      const { els } = render(snapshot);
      expect(headingOf(els)).toBe(`${snapshot.spans[0]!.label} · ${score}`);
    }
    const cindy = render(runCindy().tracker.getSnapshot()).els;
    expect(headingOf(cindy)).not.toContain('21:00');
    expect(byClass(cindy, 'heading-detail')[0]!.text).toBe('20:00 running · 1:00 paused · 266 reps');
    // The score of the tree drawn, and the caller's title before it.
    const fran = runFran();
    expect(headingOf(render(fran.tracker.getSnapshot(), { rootSpanId: fran.roundsId }).els)).toBe('21-15-9 · 4:00');
    expect(headingOf(render(runCindy().tracker.getSnapshot(), { title: 'Cindy' }).els)).toBe('Cindy · 8+26');
    // A running AMRAP scores what is done so far.
    const running = runCindy({}, 400);
    expect(headingOf(render(running.tracker.getSnapshot()).els)).toBe('AMRAP 20 · 2+5');
  });

  it('gives each exercise its own colour, keyed by exerciseId, else by label', () => {
    const { els } = render(runCindy().tracker.getSnapshot());
    const fills = new Map<string, Set<string>>();
    for (const r of byClass(els, 'exercise')) {
      const key = r.attrs['data-exercise']!;
      fills.set(key, (fills.get(key) ?? new Set()).add(r.attrs.fill!));
    }
    expect([...fills.keys()]).toEqual(['pull-up', 'push-up', 'air-squat']);
    expect([...fills.values()].every((f) => f.size === 1)).toBe(true);
    const colours = [...fills.values()].map((f) => [...f][0]!);
    expect(new Set(colours).size).toBe(3);
    // The legend's swatches are those colours.
    const swatches = byClass(els, 'legend-item')
      .filter((g) => g.attrs['data-kind'] === 'exercise')
      .map((g) => g.children[0]!.attrs.fill);
    expect(swatches).toEqual(colours);

    // Same exerciseId, different labels: one colour; no exerciseId: the label decides.
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock });
    tracker.startSpan({ key: 'w', label: 'W', blockType: 'group' });
    for (const [key, label, exerciseId] of [
      ['a', 'Pull-ups', 'pull-up'],
      ['b', 'Chin-ups', 'pull-up'],
      ['c', 'Row', undefined],
      ['d', 'Row', undefined],
    ] as const) {
      tracker.startSpan({ key, label, blockType: 'effort' });
      if (exerciseId !== undefined) tracker.recordMetric(key, 'exerciseId', exerciseId, '');
      clock.advance(60_000);
      tracker.endSpan(key);
    }
    tracker.endSpan('w');
    const mixed = byClass(render(tracker.getSnapshot()).els, 'exercise').map((r) => [r.attrs['data-exercise'], r.attrs.fill]);
    expect(mixed.map((m) => m[0])).toEqual(['pull-up', 'pull-up', 'Row', 'Row']);
    expect(mixed[0]![1]).toBe(mixed[1]![1]);
    expect(mixed[2]![1]).toBe(mixed[3]![1]);
    expect(mixed[0]![1]).not.toBe(mixed[2]![1]);
    // The caller's colours win.
    const own = render(runCindy().tracker.getSnapshot(), { exerciseColors: { 'pull-up': '#123', 'air-squat': '#AbCdEf' } }).els;
    const ownFills = new Map(byClass(own, 'exercise').map((r) => [r.attrs['data-exercise'], r.attrs.fill]));
    expect(ownFills.get('pull-up')).toBe('#123');
    expect(ownFills.get('air-squat')).toBe('#abcdef');
  });

  it('keeps a pull-up the same colour from one workout to the next when it can', () => {
    const franPullUp = byClass(render(runFran().tracker.getSnapshot()).els, 'exercise').find(
      (r) => r.attrs['data-exercise'] === 'pull-up',
    )!;
    const cindyPullUp = byClass(render(runCindy().tracker.getSnapshot()).els, 'exercise').find(
      (r) => r.attrs['data-exercise'] === 'pull-up',
    )!;
    expect(franPullUp.attrs.fill).toBe(cindyPullUp.attrs.fill);
  });

  it('uses a palette whose colours are told apart, and legible text on every fill', () => {
    const oklab = (hex: string): number[] => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
      const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
      const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
      return [
        0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
        1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
        0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
      ];
    };
    const distance = (a: string, b: string): number => Math.hypot(...oklab(a).map((v, i) => v - oklab(b)[i]!));
    expect(EXERCISE_COLORS).toHaveLength(10);
    for (const [i, a] of EXERCISE_COLORS.entries()) {
      for (const b of EXERCISE_COLORS.slice(i + 1)) expect(distance(a, b)).toBeGreaterThanOrEqual(0.12);
      for (const tint of Object.values(SEGMENT_COLORS)) expect(distance(a, tint)).toBeGreaterThanOrEqual(0.1);
      expect(contrastRatio(a, textColorOn(a))).toBeGreaterThanOrEqual(4.5);
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (n) => {
        const hex = `#${n.toString(16).padStart(6, '0')}`;
        return contrastRatio(hex, textColorOn(hex)) >= 4.5;
      }),
    );
    // Text drawn on each effort uses that colour; beyond ten exercises the colours keep legible text.
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock });
    tracker.startSpan({ key: 'w', label: 'W', blockType: 'group' });
    for (let i = 0; i < 14; i++) {
      tracker.startSpan({ key: `e${i}`, label: `Move ${i}`, blockType: 'effort' });
      clock.advance(60_000);
      tracker.recordMetric(`e${i}`, 'reps', 10, 'reps');
      tracker.endSpan(`e${i}`);
    }
    tracker.endSpan('w');
    const { els } = render(tracker.getSnapshot(), { width: 2400 });
    const fills = byClass(els, 'exercise').map((r) => r.attrs.fill!);
    expect(new Set(fills).size).toBe(14);
    expect(new Set(fills.slice(0, 10))).toEqual(new Set(EXERCISE_COLORS));
    for (const g of byClass(els, 'span-group')) {
      const rect = byClass(g.children, 'exercise')[0];
      if (rect === undefined) continue;
      for (const t of byClass(g.children, 'effort-label'))
        expect(contrastRatio(rect.attrs.fill!, t.attrs.fill!)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('writes reps, load and time in or beside every effort of the demos, at 1 200 and 390 px', () => {
    for (const width of [1200, 390]) {
      for (const { snapshot } of demos()) {
        const { els } = render(snapshot, { width });
        expectLabelsInBoxes(els);
        const texts = effortTexts(els);
        for (const span of snapshot.spans.filter((s) => s.type === 'effort')) {
          const lines = texts.get(span.id) ?? [];
          const reps = snapshot.metrics
            .filter((r) => r.spanId === span.id && r.key === 'reps')
            .reduce((n, r) => n + (r.value as number), 0);
          // Reps come first on a line (alone, with "reps", or "× load"), the running time on a line.
          expect(
            lines.some((l) => new RegExp(`^${reps}( reps| ×|$)`).test(l)),
            `${span.label} ${lines.join('/')} at ${width}`,
          ).toBe(true);
          expect(
            lines.some((l) => /\d:\d\d$/.test(l)),
            `${span.label} ${lines.join('/')} at ${width}`,
          ).toBe(true);
        }
      }
    }
    // Fran at 1 200 px: name, reps × load and time; Cindy's pull-ups: reps and time, the name in the legend.
    const franSnap = runFran().tracker.getSnapshot();
    const fran = render(franSnap, { width: 1200 }).els;
    expect(effortTexts(fran).get(franSnap.spans[2]!.id)).toEqual(['Thrusters', '21 × 95 lb · 1:00']);
    const cindySnap = runCindy().tracker.getSnapshot();
    const cindy = render(cindySnap, { width: 1200 }).els;
    expect(effortTexts(cindy).get(cindySnap.spans[1]!.id)).toEqual(['5 reps', '0:30']);
    expect(effortTexts(cindy).get(cindySnap.spans[2]!.id)).toEqual(['Push-ups', '10 reps · 0:45']);
  });

  it('puts the same in a tooltip on every span and segment', () => {
    for (const { snapshot } of demos()) {
      const { els } = render(snapshot, { width: 390 });
      for (const rect of [...byClass(els, 'span'), ...byClass(els, 'segment')]) {
        expect(rect.children[0]?.name).toBe('title');
        expect(rect.children[0]!.text.length).toBeGreaterThan(0);
      }
    }
    const fran = runFran().tracker.getSnapshot();
    const tipOf = (els: XmlElement[], spanId: string): string =>
      byClass(els, 'span').find((r) =>
        byClass(els, 'span-group').some((g) => g.attrs['data-span-id'] === spanId && g.children.includes(r)),
      )!.children[0]!.text;
    expect(tipOf(render(fran, { width: 390 }).els, fran.spans[2]!.id)).toBe('Thrusters\n21 reps (target 21)\nload 95 lb\n1:00\n0:00–1:00');
    const cindy = runCindy().tracker.getSnapshot();
    const pushUps3 = cindy.spans.find((s) => s.blockId === 'cindy-pushups-3')!;
    const els = render(cindy).els;
    expect(tipOf(els, pushUps3.id)).toBe('Push-ups\n10 reps\n0:45 running, 1:00 paused\n5:00–6:45');
    const round3 = byClass(els, 'round').find((r) => r.children[0]!.text.startsWith('Round 3'))!;
    expect(round3.children[0]!.text).toBe('Round 3 (round)\n2:15 running, 1:00 paused\n30 reps\n4:30–7:45');
    expect(byClass(els, 'pause')[0]!.children[0]!.text).toBe('Paused\n1:00\n5:20–6:20');
  });

  it('shortens round labels to R3 or 3 and never puts one under the pause layer', () => {
    for (const width of [1200, 960, 390, 300]) {
      const { els } = render(runCindy().tracker.getSnapshot(), { width });
      expect(labelsUnderPauses(els), `at ${width} px`).toEqual([]);
      // Labels come after the pause rects in their group, so they are drawn above the hatching.
      for (const g of byClass(els, 'span-group')) {
        const lastPause = g.children.map((e) => (e.attrs.class ?? '').includes('pause')).lastIndexOf(true);
        const firstLabel = g.children.findIndex((e) => e.name === 'text');
        if (lastPause >= 0 && firstLabel >= 0) expect(firstLabel).toBeGreaterThan(lastPause);
      }
    }
    // A round too narrow for its full label shows its short form.
    const narrow = render(runCindy().tracker.getSnapshot(), { width: 300, rows: 1 }).els;
    const labels = byClass(narrow, 'segment-label').map((t) => t.text);
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.every((l) => /^(R?\d)$/.test(l))).toBe(true);
    expect(labelsUnderPauses(narrow)).toEqual([]);
    // EMOM minutes: "M4", then "4".
    const emom = byClass(render(runEmom().tracker.getSnapshot(), { width: 390 }).els, 'segment-label')
      .filter((t) => t.attrs['data-type'] === 'minute')
      .map((t) => t.text);
    expect(emom).toEqual(['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'M9', 'M10']);
  });

  it('marks the cap of an AMRAP, EMOM or timer where its running time reaches it', () => {
    const capOf = (els: XmlElement[]) => byClass(els, 'cap').map((g) => ({ x: num(g.children[0]!, 'x1'), label: g.children[1]!.text }));
    expect(capOf(render(runCindy().tracker.getSnapshot(), { width: 1200, rows: 1 }).els)).toEqual([{ x: 1200 - 16, label: '20:00 cap' }]);
    expect(capOf(render(runEmom().tracker.getSnapshot(), { rows: 1 }).els)).toEqual([{ x: 960 - 16, label: '10:00 cap' }]);
    expect(capOf(render(runFran().tracker.getSnapshot()).els)).toEqual([]);
    // Not reached yet: no line.
    const running = runCindy({}, 400);
    expect(capOf(render(running.tracker.getSnapshot()).els)).toEqual([]);
    // A 5-minute AMRAP paused for a minute and carried on past its cap: the line at 6:00 on the wall clock.
    const clock = createManualClock(T0);
    const tracker = createTracker({ clock });
    tracker.startSpan({ key: 'a', label: 'AMRAP 5', blockType: 'amrap', timer: { direction: 'down', durationMs: 300_000 } });
    clock.advance(120_000);
    tracker.pause();
    clock.advance(60_000);
    tracker.resume();
    clock.advance(240_000);
    tracker.endSpan('a');
    const [cap] = capOf(render(tracker.getSnapshot(), { width: 16 + 420 + 16, rows: 1 }).els);
    expect(cap!.label).toBe('5:00 cap');
    expect(cap!.x).toBeCloseTo(16 + 360, 5);
  });

  it('wraps the time range into rows at phone width, each effort with room for its reps and time', () => {
    const rowsOf = (els: XmlElement[]): number => byClass(els, 'row').length;
    const at = (snapshot: TrackerSnapshot, width: number) => render(snapshot, { width }).els;
    const cindy = runCindy().tracker.getSnapshot();
    expect(rowsOf(at(runFran().tracker.getSnapshot(), 1200))).toBe(1);
    expect(rowsOf(at(runFran().tracker.getSnapshot(), 390))).toBe(1);
    expect(rowsOf(at(runEmom().tracker.getSnapshot(), 1200))).toBe(1);
    expect(rowsOf(at(cindy, 1200))).toBe(2);
    const phone = at(cindy, 390);
    expect(rowsOf(phone)).toBeGreaterThanOrEqual(3);
    expect(rowsOf(phone)).toBeLessThanOrEqual(8);
    // Every row holds every lane; its axis ticks are few enough to read.
    for (const row of byClass(phone, 'row')) {
      expect(byClass(allElements(row), 'lane')).toHaveLength(2);
      const ticks = byClass(allElements(row), 'axis')[0]!.children.filter((e) => e.name === 'text');
      expect(ticks.length).toBeLessThanOrEqual(7);
      for (let i = 1; i < ticks.length; i++) expect(num(ticks[i]!, 'x') - num(ticks[i - 1]!, 'x')).toBeGreaterThanOrEqual(1.5 * 31);
    }
    // Every span is drawn once, its later pieces marked as continued.
    expect(byClass(phone, 'span').filter((r) => !byClass([r], 'continued').length)).toHaveLength(cindy.spans.length);
    // rows: n asks for at most n rows.
    expect(rowsOf(render(cindy, { width: 390, rows: 2 }).els)).toBe(2);
    expect(rowsOf(render(cindy, { width: 390, rows: 1 }).els)).toBe(1);
  });

  it('keeps the legend and headings inside the drawing at any width', () => {
    for (const width of [240, 390, 1200]) {
      for (const { snapshot } of demos()) {
        const { root, els } = render(snapshot, { width, title: 'A rather long workout name that a coach might well type in' });
        for (const t of [...byClass(els, 'heading-title'), ...byClass(els, 'heading-detail')]) {
          expect(num(t, 'x') + textWidth(t.text, num(t, 'font-size'), t.attrs['font-weight'] !== undefined)).toBeLessThanOrEqual(
            width - 16 + 3,
          );
        }
        expect(headingOf(els).length).toBeGreaterThan(3);
        for (const g of byClass(els, 'legend-item')) {
          const t = g.children.find((e) => e.name === 'text')!;
          expect(num(t, 'x') + textWidth(t.text, 11)).toBeLessThanOrEqual(width - 16 + 3);
          expect(num(t, 'y')).toBeLessThan(num(root, 'height'));
        }
      }
    }
  });

  it('keeps rest and pauses as they were: rest tinted, pauses hatched', () => {
    const emom = render(runEmom().tracker.getSnapshot(), { width: 390 }).els;
    expect(byClass(emom, 'rest').length).toBeGreaterThanOrEqual(10);
    expect(byClass(emom, 'rest').every((r) => r.attrs.fill === SEGMENT_COLORS.rest)).toBe(true);
    const cindy = render(runCindy().tracker.getSnapshot(), { width: 390 }).els;
    expect(byClass(cindy, 'pause').every((p) => p.attrs.fill === 'url(#ws-hatch)')).toBe(true);
  });
});

/** A span object as a snapshot holds it, for crafting shapes the tracker would never make. */
function span(
  id: string,
  parentSpanId: string | null,
  startTime: number,
  endTime: number | undefined,
  extra: Partial<ExecutionSpan> = {},
): ExecutionSpan {
  return {
    id,
    blockId: id,
    parentSpanId,
    type: 'effort',
    label: id,
    status: endTime === undefined ? 'active' : 'completed',
    startTime,
    endTime,
    paused: false,
    metrics: { custom: {} },
    segments: [],
    timeSpans: endTime === undefined ? [] : [{ id: `${id}.t0`, type: 'work', start: startTime, stop: endTime, blockId: id }],
    ...extra,
  };
}

function snapshotOf(spans: unknown[], metrics: unknown[] = []): TrackerSnapshot {
  return { version: 1, spans, metrics, active: [], completed: [] } as unknown as TrackerSnapshot;
}

describe('renderTimelineSvg is total', () => {
  const fran = () => runFran().tracker.getSnapshot();

  it('rejects options of the wrong type with a TypeError and out of range with a RangeError', () => {
    for (const bad of [
      { idPrefix: 5 },
      { title: {} },
      { rootSpanId: 1 },
      { width: '500' },
      { laneHeight: [] },
      { at: '1' },
      { exerciseColors: 'red' },
    ]) {
      expect(() => renderTimelineSvg(fran(), bad as never), JSON.stringify(bad)).toThrow(TypeError);
    }
    expect(() => renderTimelineSvg(fran(), { exerciseColors: { 'pull-up': 'red' } })).toThrow(TypeError);
    expect(() => renderTimelineSvg(fran(), { exerciseColors: { 'pull-up': '#12345' } })).toThrow(TypeError);
    expect(() => renderTimelineSvg(fran(), 'wide' as never)).toThrow(TypeError);
    for (const bad of [{ at: NaN }, { at: Infinity }, { at: 1e300 }, { rows: 0 }, { rows: 1.5 }, { rows: 101 }, { rows: 'many' }]) {
      expect(() => renderTimelineSvg(fran(), bad as never), JSON.stringify(bad)).toThrow(RangeError);
    }
  });

  it('brings sizes back in range instead of failing', () => {
    const widthOf = (options: object) => num(render(fran(), options).root, 'width');
    expect(widthOf({ width: NaN })).toBe(960);
    expect(widthOf({ width: -5 })).toBe(240);
    expect(widthOf({ width: 1e12 })).toBe(20_000);
    expect(widthOf({ width: Infinity })).toBe(960);
    const lane = (options: object) => num(byClass(render(fran(), options).els, 'lane')[0]!, 'height');
    expect(lane({ laneHeight: 0 })).toBe(24);
    expect(lane({ laneHeight: 1e9 })).toBe(400);
    expectLabelsInBoxes(render(fran(), { laneHeight: 0, width: -1 }).els);
    expect(render(fran(), { idPrefix: 'x'.repeat(10_000) }).els.find((e) => e.name === 'pattern')!.attrs.id!.length).toBeLessThan(80);
  });

  it('rejects what is not a snapshot with a TypeError, and a time no Date holds with a RangeError', () => {
    for (const bad of [
      null,
      42,
      'snapshot',
      {},
      { spans: 'x' },
      { spans: [null] },
      { spans: [{ id: 1, label: 'a', startTime: 0 }] },
      { spans: [{ id: 'a', label: 2, startTime: 0 }] },
      { spans: [{ id: 'a', label: 'a', startTime: '0' }] },
      { spans: [{ id: 'a', label: 'a', startTime: NaN }] },
      { spans: [{ id: 'a', label: 'a', startTime: 0, parentSpanId: 3 }] },
      { spans: [{ id: 'a', label: 'a', startTime: 0, segments: 'none' }] },
      { spans: [{ id: 'a', label: 'a', startTime: 0, segments: [{ type: 'nap', startTime: 0 }] }] },
      { spans: [{ id: 'a', label: 'a', startTime: 0, segments: [{ type: 'round', startTime: null }] }] },
      { spans: [{ id: 'a', label: 'a', startTime: 0, timeSpans: [5] }] },
      { spans: [], metrics: {} },
    ]) {
      expect(() => renderTimelineSvg(bad as never), JSON.stringify(bad)).toThrow(TypeError);
    }
    expect(() => renderTimelineSvg(snapshotOf([span('a', null, 1e300, undefined)]))).toThrow(RangeError);
    expect(() => renderTimelineSvg(snapshotOf([span('a', null, 0, Infinity)]))).toThrow(RangeError);
  });

  it('draws odd but well-typed snapshots: ends before starts, loops of parents, twins, segments outside their span', () => {
    const odd = snapshotOf(
      [
        span('a', 'c', T0, T0 - 5_000),
        span('b', 'a', T0, T0 + 60_000, {
          segments: [
            { id: 's', parentSpanId: 'b', type: 'round', label: 'Round 1', startTime: T0 - 99_000, endTime: T0 + 999_000, metrics: {} },
          ],
        }),
        span('c', 'b', T0 + 1_000, T0 + 2_000),
        span('b', null, T0, T0 + 1),
        span('self', 'self', T0, T0 + 30_000),
      ],
      [
        null,
        5,
        { spanId: 'b', key: 'reps', value: 'many', recordedAt: T0 },
        { spanId: 'b', key: 'reps', value: 7, recordedAt: T0 + 5, segmentIds: 'x' },
      ],
    );
    const { els } = render(odd);
    expect(byClass(els, 'span').filter((r) => !byClass([r], 'continued').length)).toHaveLength(4);
    expectLabelsInBoxes(els);
    for (const r of els.filter((e) => e.name === 'rect')) {
      for (const attr of ['x', 'y', 'width', 'height']) if (r.attrs[attr] !== undefined) expect(Number.isFinite(num(r, attr))).toBe(true);
    }
  });

  it('draws a tree 5 000 deep without recursion, and 10 000 spans side by side', () => {
    const deep = Array.from({ length: 5_000 }, (_, i) => span(`s${i}`, i === 0 ? null : `s${i - 1}`, T0 + i, T0 + 20_000 - i));
    const { root, els } = render(snapshotOf(deep));
    expect(byClass(els, 'lane')).toHaveLength(5_000);
    expect(num(root, 'height')).toBeGreaterThan(5_000 * 40);
    const wide = [span('root', null, T0, T0 + 10_000_000, { type: 'group' })].concat(
      Array.from({ length: 10_000 }, (_, i) => span(`e${i}`, 'root', T0 + i * 1_000, T0 + i * 1_000 + 900)),
    );
    const drawn = render(snapshotOf(wide), { width: 390 });
    expect(byClass(drawn.els, 'span').filter((r) => !byClass([r], 'continued').length)).toHaveLength(10_001);
    expectLabelsInBoxes(drawn.els);
  });

  it('returns well-formed SVG or a TypeError/RangeError for any snapshot shape and any options', () => {
    const time = fc.oneof(fc.integer({ min: T0 - 1_000, max: T0 + 4_000_000 }), fc.constantFrom(NaN, Infinity, -1, 0));
    const id = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    const segment = fc.record({
      id: fc.string(),
      type: fc.constantFrom('round', 'minute', 'work', 'rest', 'pause', 'transition'),
      label: fc.oneof(fc.string(), fc.constantFrom('Round 3', 'Minute 12', '<&>"\'')),
      index: fc.option(fc.integer(), { nil: undefined }),
      startTime: time,
      endTime: fc.option(time, { nil: undefined }),
    });
    const arbSpan = fc.record({
      id,
      parentSpanId: fc.option(id, { nil: null }),
      type: fc.constantFrom('effort', 'amrap', 'emom', 'timer', 'group', 'rounds'),
      label: fc.string(),
      status: fc.constantFrom('active', 'completed', 'failed', 'skipped'),
      startTime: time,
      endTime: fc.option(time, { nil: undefined }),
      timer: fc.option(fc.record({ direction: fc.constant('down'), durationMs: fc.integer({ min: -10, max: 3_000_000 }) }), {
        nil: undefined,
      }),
      metrics: fc.record({ custom: fc.constant({}), exerciseId: fc.option(fc.constantFrom('pull-up', 'row', ''), { nil: undefined }) }),
      segments: fc.array(segment, { maxLength: 6 }),
      timeSpans: fc.array(fc.record({ type: fc.constantFrom('work', 'rest'), start: time, stop: fc.option(time, { nil: undefined }) }), {
        maxLength: 4,
      }),
    });
    const record = fc.record({
      spanId: id,
      key: fc.constantFrom('reps', 'weight', 'distance', 'heartRate'),
      value: fc.oneof(fc.double(), fc.string()),
      unit: fc.constantFrom('reps', 'kg', 'm', ''),
      recordedAt: time,
      segmentIds: fc.array(fc.string(), { maxLength: 2 }),
    });
    const options = fc.record(
      {
        width: fc.oneof(fc.double(), fc.integer({ min: 200, max: 1400 })),
        laneHeight: fc.oneof(fc.double(), fc.integer({ min: 10, max: 80 })),
        rows: fc.oneof(fc.constant('auto' as const), fc.integer({ min: 0, max: 12 })),
        title: fc.string(),
        at: time,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(arbSpan, { maxLength: 8 }), fc.array(record, { maxLength: 8 }), options, (spans, metrics, opts) => {
        let svg: string;
        try {
          svg = renderTimelineSvg(snapshotOf(spans, metrics), opts as never);
        } catch (e) {
          expect(e instanceof TypeError || e instanceof RangeError, String(e)).toBe(true);
          return;
        }
        const els = allElements(parseXml(svg));
        expectLabelsInBoxes(els);
        expect(labelsUnderPauses(els)).toEqual([]);
        for (const e of els)
          for (const attr of ['x', 'y', 'width', 'height', 'x1', 'x2', 'y1', 'y2'])
            if (e.attrs[attr] !== undefined) expect(Number.isFinite(num(e, attr)), `${e.name} ${attr}`).toBe(true);
      }),
      { numRuns: 300 },
    );
    // Anything at all as a snapshot.
    fc.assert(
      fc.property(fc.anything(), (anything) => {
        try {
          parseXml(renderTimelineSvg(anything as never));
        } catch (e) {
          expect(e instanceof TypeError || e instanceof RangeError, String(e)).toBe(true);
        }
      }),
    );
  });

  it('ignores metric records it cannot read', () => {
    const snapshot = fran();
    const noisy = snapshotOf(snapshot.spans, [
      ...snapshot.metrics,
      { spanId: snapshot.spans[2]!.id, key: 'reps', value: Infinity, recordedAt: T0 } as unknown as MetricRecord,
    ]);
    expect(effortTexts(render(noisy, { width: 1200 }).els).get(snapshot.spans[2]!.id)).toEqual(['Thrusters', '21 × 95 lb · 1:00']);
  });
});
