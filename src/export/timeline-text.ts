/**
 * How wide a line of text is drawn, estimated without a browser, and labels fitted to a width.
 * The timeline is rendered as a string (no DOM, no font files), so it sizes text from a table of
 * glyph advances: those of DejaVu Sans, the default sans-serif of Linux and one of the widest common
 * sans fonts, rounded up. Text that fits by this table fits with Segoe UI, Roboto, San Francisco or
 * Helvetica too; a clip path still keeps any text inside its box should a font be wider.
 */

/** Advances of ASCII 32–126 in hundredths of an em, regular weight. */
const REGULAR = [
  32, 41, 46, 84, 64, 96, 78, 28, 40, 40, 50, 84, 32, 37, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 54, 100, 71,
  69, 70, 78, 64, 58, 78, 76, 30, 30, 66, 56, 87, 75, 79, 61, 79, 70, 64, 60, 74, 69, 99, 69, 62, 69, 40, 34, 40, 84, 50, 50, 62, 64, 55,
  64, 62, 35, 64, 64, 28, 28, 58, 28, 98, 64, 62, 64, 64, 40, 53, 40, 64, 60, 82, 60, 60, 53, 64, 34, 64, 84,
];

/** The same, bold (weight 600 and above). */
const BOLD = [
  35, 46, 53, 84, 70, 101, 88, 31, 46, 46, 53, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 40, 40, 84, 84, 84, 59, 100, 78,
  77, 74, 84, 69, 69, 83, 84, 38, 38, 78, 64, 100, 84, 86, 74, 86, 78, 68, 71, 82, 78, 111, 78, 73, 73, 46, 37, 46, 84, 50, 50, 68, 72, 60,
  72, 68, 41, 72, 72, 35, 35, 67, 35, 105, 72, 69, 72, 72, 50, 60, 48, 72, 66, 93, 65, 66, 59, 72, 37, 72, 84,
];

/** The few non-ASCII characters the timeline writes itself. */
const SYMBOLS: Record<string, number> = { '·': 35, '×': 84, '…': 100, '–': 50 };

/** Advance of one character (a code point) in hundredths of an em. */
function advance(ch: string, bold: boolean): number {
  const code = ch.codePointAt(0)!;
  if (code >= 32 && code <= 126) return (bold ? BOLD : REGULAR)[code - 32]!;
  const known = SYMBOLS[ch];
  if (known !== undefined) return bold ? Math.ceil(known * 1.1) : known;
  // Combining marks take no room; anything else gets a full em (CJK), emoji more.
  if (code >= 0x300 && code <= 0x36f) return 0;
  return code > 0xffff ? 125 : 100;
}

/** Estimated width in px of `text` drawn at `fontSize` px: never less than the width drawn in DejaVu Sans. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let hundredths = 0;
  for (const ch of text) hundredths += advance(ch, bold);
  return (hundredths * fontSize) / 100;
}

/** Room a label leaves either side inside its box, in px. */
export const TEXT_PAD = 3;

/** Whether `text` fits a box `widthPx` wide, its padding included. */
export function fits(text: string, widthPx: number, fontSize: number, bold = false): boolean {
  return textWidth(text, fontSize, bold) + 2 * TEXT_PAD <= widthPx;
}

/**
 * The label cut to fit a box `widthPx` wide (padding included) at `fontSize`, ending with an ellipsis
 * when cut; `''` when fewer than three characters would be left before it (a stub such as "P…" says
 * nothing). Linear in the label's length, whatever its length.
 */
export function fitLabel(label: string, widthPx: number, fontSize: number, bold = false): string {
  if (fits(label, widthPx, fontSize, bold)) return label;
  const room = widthPx - 2 * TEXT_PAD - textWidth('…', fontSize, bold);
  let used = 0;
  let kept = '';
  let count = 0;
  for (const ch of label) {
    const w = (advance(ch, bold) * fontSize) / 100;
    if (used + w > room) break;
    used += w;
    kept += ch;
    count++;
  }
  return count < 3 ? '' : `${kept.trimEnd()}…`;
}
