/**
 * Text from a workout (labels, units, values, error messages) as one line that is safe to print on a
 * terminal. A label is data, and a terminal obeys control characters in data: ESC starts colour,
 * cursor and title sequences (OSC 8 hyperlinks, OSC 52 clipboard writes), CR returns to the start of
 * the line so later text overwrites earlier text, BEL rings, bidirectional overrides reorder what is
 * shown. So:
 * - tab, LF and CR (and runs of them) become one space: a label typed on two lines reads on one,
 *   and no line of output can be overwritten or split;
 * - every other C0 control and DEL becomes its Unicode control picture, one visible character of the
 *   same width: ESC is `␛`, BEL `␇`, NUL `␀`, DEL `␡`;
 * - the C1 controls (U+0080 to U+009F, which some terminals obey as ESC sequences), the
 *   bidirectional marks, overrides and isolates, and the line and paragraph separators become their
 *   code written out, `<U+202E>`.
 * Everything else, emoji and accents included, is kept.
 */
export function terminalText(text: string): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(LINE_BREAKS, ' ').replace(CONTROLS, picture);
}

/** Anything `terminalText` changes (no global flag: `test` keeps no state). */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const LINE_BREAKS = /[\t\n\r]+/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function picture(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}
