/** Small helpers to write SVG text that is always well-formed XML (API.md §11 renderTimelineSvg). */

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Characters XML 1.0 forbids: control characters other than tab, LF and CR, and lone surrogates. */
/* eslint-disable no-control-regex -- the control characters are what is removed */
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/* eslint-enable no-control-regex */

/**
 * Escapes text for element content and attribute values. Characters XML 1.0 forbids are dropped,
 * since no escape makes them legal.
 */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** An element with attributes (values escaped, numbers rounded to 0.01) and optional raw children. */
export function el(name: string, attrs: Record<string, string | number | undefined>, children?: string): string {
  let out = `<${name}`;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    out += ` ${key}="${typeof value === 'number' ? String(Math.round(value * 100) / 100) : escapeXml(value)}"`;
  }
  return children === undefined ? `${out}/>` : `${out}>${children}</${name}>`;
}

/** Average glyph advance as a share of the font size; generous, so estimates err on the short side. */
const GLYPH_EM = 0.62;

/**
 * The label cut to fit `widthPx` at `fontSize`, with an ellipsis when cut; `''` when not even two
 * characters fit. Paired with a clip path, so a label never spills out of its box even when the
 * font is wider than estimated.
 */
export function fitLabel(label: string, widthPx: number, fontSize: number): string {
  const chars = [...label];
  const max = Math.floor(widthPx / (fontSize * GLYPH_EM));
  if (max < 2) return '';
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('')}…`;
}
