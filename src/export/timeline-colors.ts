/**
 * Colours of the timeline: the palette that tells exercises apart, and the text colour that stays
 * legible on any fill (WCAG contrast of at least 4.5:1, the level for small text).
 */

/**
 * One colour per exercise, in the order exercises first appear. Chosen to be told apart from each
 * other (OKLab distance ≥ 0.12), from the light segment tints, and with a text colour of contrast
 * ≥ 4.5 on each. From the eleventh exercise on, hues are spread by the golden angle instead.
 */
export const EXERCISE_COLORS: readonly string[] = Object.freeze([
  '#2563eb',
  '#f97316',
  '#059669',
  '#db2777',
  '#a16207',
  '#7e22ce',
  '#06b6d4',
  '#b91c1c',
  '#84cc16',
  '#475569',
]);

const INK = '#0f172a';
const WHITE = '#ffffff';
const BLACK = '#000000';

/** `#rgb` or `#rrggbb`, as `[r, g, b]` (0–255); undefined for anything else. */
export function parseHex(color: string): [number, number, number] | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
  if (m === null) return undefined;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG relative luminance of a parsed colour. */
function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number): number => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two `#rgb`/`#rrggbb` colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(parseHex(a) ?? [0, 0, 0]);
  const lb = luminance(parseHex(b) ?? [0, 0, 0]);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * The text colour for a fill: the page's ink or white, whichever contrasts more; black when neither
 * reaches 4.5:1 (black or white always does, so the result always does).
 */
export function textColorOn(fill: string): string {
  const ink = contrastRatio(fill, INK);
  const white = contrastRatio(fill, WHITE);
  if (Math.max(ink, white) >= 4.5) return ink >= white ? INK : WHITE;
  return contrastRatio(fill, BLACK) >= white ? BLACK : WHITE;
}

/** `#rrggbb` of an HSL colour (h in degrees, s and l in 0–1). */
function hsl(h: number, s: number, l: number): string {
  const f = (n: number): string => {
    const k = (n + h / 30) % 12;
    const v = l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

/** The colour of the `i`-th exercise (0-based): the palette, then hues spread by the golden angle. */
export function exerciseColor(i: number): string {
  return EXERCISE_COLORS[i] ?? hsl((i * 137.508) % 360, 0.65, 0.45);
}
