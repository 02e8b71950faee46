/** A strict, small XML reader for the tests: throws unless the text is one well-formed element. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

// Sticky expressions read at an offset, so the reader stays linear in the size of the text.
const NAME = /[A-Za-z_:][\w:.-]*/y;
const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;

function nameAt(text: string, i: number): string | undefined {
  NAME.lastIndex = i;
  return NAME.exec(text)?.[0];
}

function decode(raw: string, where: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '<') throw new Error(`raw '<' in ${where}`);
    if (c !== '&') {
      out += c;
      continue;
    }
    ENTITY.lastIndex = i;
    const m = ENTITY.exec(raw);
    if (m === null) throw new Error(`bad entity in ${where}: ${raw.slice(i, i + 10)}`);
    const e = m[1]!;
    out +=
      e === 'amp'
        ? '&'
        : e === 'lt'
          ? '<'
          : e === 'gt'
            ? '>'
            : e === 'quot'
              ? '"'
              : e === 'apos'
                ? "'"
                : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    i += m[0].length - 1;
  }
  return out;
}

export function parseXml(text: string): XmlElement {
  let i = 0;
  const skipSpace = (): void => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const element = (): XmlElement => {
    if (text[i] !== '<') throw new Error(`expected '<' at ${i}`);
    i++;
    const name = nameAt(text, i);
    if (name === undefined) throw new Error(`bad element name at ${i}`);
    i += name.length;
    const el: XmlElement = { name, attrs: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipSpace();
      if (text.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (text[i] === '>') {
        i++;
        break;
      }
      if (i === before) throw new Error(`expected space before attribute at ${i}`);
      const attr = nameAt(text, i);
      if (attr === undefined) throw new Error(`bad attribute name at ${i}`);
      i += attr.length;
      if (text[i] !== '=' || text[i + 1] !== '"') throw new Error(`attribute ${attr} must be ="…" at ${i}`);
      const end = text.indexOf('"', i + 2);
      if (end < 0) throw new Error('unterminated attribute');
      if (attr in el.attrs) throw new Error(`duplicate attribute ${attr}`);
      el.attrs[attr] = decode(text.slice(i + 2, end), `attribute ${attr}`);
      i = end + 1;
    }
    for (;;) {
      const lt = text.indexOf('<', i);
      if (lt < 0) throw new Error(`unclosed <${name}>`);
      el.text += decode(text.slice(i, lt), `text of <${name}>`);
      i = lt;
      if (text.startsWith('</', i)) {
        const close = `</${name}>`;
        if (!text.startsWith(close, i)) throw new Error(`expected ${close} at ${i}, found ${text.slice(i, i + 20)}`);
        i += close.length;
        return el;
      }
      el.children.push(element());
    }
  };
  skipSpace();
  const root = element();
  skipSpace();
  if (i !== text.length) throw new Error(`content after the root element at ${i}`);
  return root;
}

/** Every element of the tree, depth first (in document order), without recursion. */
export function allElements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    out.push(el);
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  return out;
}
