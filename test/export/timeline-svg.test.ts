import { describe, expect, it } from 'vitest';
import { runCindy } from '../../examples/workouts/cindy';
import { runEmom } from '../../examples/workouts/emom';
import { runFran, T0 } from '../../examples/workouts/fran';
import { createManualClock, createTracker } from 'workout-spans';
import { renderTimelineSvg } from 'workout-spans/export';
import { SEGMENT_COLORS } from '../../src/export/render-timeline-svg';
import { allElements, parseXml, type XmlElement } from './xml';

const byClass = (els: XmlElement[], cls: string): XmlElement[] => els.filter((e) => (e.attrs.class ?? '').split(' ').includes(cls));

function render(snapshot: Parameters<typeof renderTimelineSvg>[0], options?: Parameters<typeof renderTimelineSvg>[1]) {
  const svg = renderTimelineSvg(snapshot, options);
  const root = parseXml(svg);
  return { svg, root, els: allElements(root) };
}

describe('renderTimelineSvg', () => {
  it('draws well-formed SVG with one lane per depth and one bar per span', () => {
    for (const [run, lanes] of [
      [runFran, 3],
      [runCindy, 2],
      [runEmom, 2],
    ] as const) {
      const snapshot = run().tracker.getSnapshot();
      const { root, els } = render(snapshot);
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
    // Legend names what is drawn.
    expect(
      byClass(cindy, 'legend')
        .filter((e) => e.name === 'g')[0]!
        .children.filter((e) => e.name === 'text')
        .map((t) => t.text),
    ).toEqual(['round', 'pause']);
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
    const cindyAxis = byClass(render(runCindy().tracker.getSnapshot()).els, 'axis')[0]!;
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
    const clipRects = new Map(els.filter((e) => e.name === 'clipPath').map((c) => [c.attrs.id!, c.children[0]!]));
    const texts = byClass(els, 'span-group').flatMap((g) => g.children.filter((e) => e.name === 'text'));
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) {
      const clip = clipRects.get(/^url\(#(.+)\)$/.exec(t.attrs['clip-path']!)![1]!)!;
      const size = Number(t.attrs['font-size']);
      expect(Number(t.attrs.x)).toBeGreaterThanOrEqual(Number(clip.attrs.x));
      expect([...t.text].length * size * 0.62).toBeLessThanOrEqual(Number(clip.attrs.width));
    }
    const rootLabel = texts.find((t) => t.text.startsWith('<script>'))!;
    expect(rootLabel.text.endsWith('…')).toBe(true);
    expect(rootLabel.text).not.toContain('\u0001');
    expect(texts.some((t) => t.text === 'R&D <1>')).toBe(true);
    // The 10 ms effort is too narrow for any label: its bar is drawn, its label left out.
    expect(texts.some((t) => t.text.startsWith('ti'))).toBe(false);
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
