/** Small helpers to write SVG text that is always well-formed XML, whatever the labels hold. */

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
