import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayValue, jsonText } from '../../src/model/json-text';
import { terminalText } from '../../src/model/terminal-text';
import { nested, valueArb } from './io-snapshots';
import { numRuns, seed } from './runs';

/**
 * The two helpers every exporter and the CLI print through: `jsonText` (any value as JSON text,
 * never throwing) and `terminalText` (text made safe for a terminal).
 */

// eslint-disable-next-line no-control-regex
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('jsonText', () => {
  it('property: writes exactly what JSON.stringify writes for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(jsonText(v)).toBe(JSON.stringify(v));
      }),
      { numRuns: numRuns(500), ...seed() },
    );
  });

  it('property: with a length, gives the same text cut there, the last character an ellipsis', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 80 }), (v, max) => {
        const whole = JSON.stringify(v);
        const cut = jsonText(v, max);
        expect(cut).toBe(whole.length <= max ? whole : `${whole.slice(0, max - 1)}…`);
      }),
      { numRuns: numRuns(500), ...seed() },
    );
  });

  it('property: never throws, whatever the value', () => {
    fc.assert(
      fc.property(valueArb, (v) => {
        expect(typeof jsonText(v)).toBe('string');
        expect(typeof displayValue(v, 30)).toBe('string');
        expect(displayValue(v, 30).length).toBeLessThanOrEqual(30);
      }),
      { numRuns: numRuns(500), ...seed() },
    );
  });

  it('writes what JSON cannot hold so a reader sees what was there', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    const shared = { x: 1 };
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const getter = Object.defineProperty({ ok: 1 }, 'bad', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    expect(jsonText(loop)).toBe('{"a":1,"self":"[circular]"}');
    expect(jsonText([shared, shared])).toBe('[{"x":1},{"x":1}]'); // shared is not circular
    expect(jsonText(proxy)).toBe('"[unreadable]"');
    expect(jsonText(getter)).toBe('{"ok":1,"bad":"[unreadable]"}');
    expect(jsonText(2n ** 64n)).toBe('18446744073709551616');
    expect(jsonText([undefined, () => 1, Symbol('s'), NaN])).toBe('[null,null,null,null]');
    expect(jsonText({ u: undefined, f: () => 1, n: -0 })).toBe('{"n":0}');
    expect(jsonText({ toJSON: () => 'called' })).toBe('{}'); // no foreign code runs
    expect(jsonText({ toString: 1 })).toBe('{"toString":1}');
    expect(jsonText(Object.assign(Object.create(null) as object, { a: [1] }))).toBe('{"a":[1]}');
    expect(jsonText(JSON.parse('{"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1}}');
  });

  it('walks 100 000 levels without recursion, and a preview of a huge value costs what it shows', () => {
    const deep = nested(100_000);
    expect(jsonText(deep)).toHaveLength(2 * 100_000 + '"bottom"'.length);
    expect(jsonText(deep, 10)).toBe('[[[[[[[[[…');
    const wide = Array.from({ length: 1_000_000 }, (_, i) => i);
    const ops = { reads: 0 };
    const counting = new Proxy(wide, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) ops.reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(jsonText(counting, 20)).toBe('[0,1,2,3,4,5,6,7,8,…');
    expect(ops.reads).toBeLessThan(20);
  });
});

describe('terminalText', () => {
  it('shows ESC, BEL, NUL and DEL as control pictures, line breaks and tabs as one space', () => {
    expect(terminalText('\x1b]0;owned\x07')).toBe('␛]0;owned␇');
    expect(terminalText('\x1b[31mred\x1b[0m')).toBe('␛[31mred␛[0m');
    expect(terminalText('nul\x00 del\x7f')).toBe('nul␀ del␡');
    expect(terminalText('safe\rEVIL')).toBe('safe EVIL');
    expect(terminalText('two\r\nlines\n\nthree\tcols')).toBe('two lines three cols');
  });

  it('writes C1 controls, bidi overrides and line separators as their code points', () => {
    expect(terminalText('\u009b31m')).toBe('<U+009B>31m');
    expect(terminalText('\u202eexe.txt')).toBe('<U+202E>exe.txt');
    expect(terminalText('a\u2066b\u2069c\u2028d')).toBe('a<U+2066>b<U+2069>c<U+2028>d');
  });

  it('keeps everything else as it is', () => {
    for (const text of ['Fran 21-15-9', 'café 🏋️‍♀️', '漢字', '│ ├─ └─ ⏸ ◦', '']) expect(terminalText(text)).toBe(text);
  });

  it('property: the result holds nothing a terminal obeys, and safe text is unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const safe = terminalText(text);
        expect(safe).not.toMatch(TERMINAL_UNSAFE);
        if (!TERMINAL_UNSAFE.test(text)) expect(safe).toBe(text);
        expect(terminalText(safe)).toBe(safe);
      }),
      { numRuns: numRuns(1000), ...seed() },
    );
  });
});
