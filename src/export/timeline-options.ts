import { readOptions } from './export-options';
import { parseHex } from './timeline-colors';

export interface TimelineSvgOptions {
  /**
   * Instant the timeline is drawn at (epoch ms): spans and segments that start later are left out,
   * open ones end there. Default: the latest instant in the snapshot. A RangeError when not a finite
   * epoch millisecond.
   */
  at?: number;
  /** Draw this span and its tree only (a RangeError when the snapshot has no such span); default: every span. */
  rootSpanId?: string;
  /** Width in px (default 960; kept within 240–20 000; a value that is not a finite number means the default). */
  width?: number;
  /** Height of one lane in px (default 40; kept within 24–400). Taller lanes fit more lines in an effort. */
  laneHeight?: number;
  /** Prefix of the ids inside the SVG, so several timelines can share one page (default 'ws'). */
  idPrefix?: string;
  /** Name drawn in the heading before the score; default: the labels of the drawn roots. */
  title?: string;
  /**
   * How many rows the time range wraps into, like lines of text: `'auto'` (default) picks the fewest
   * rows (at most 8) in which every effort has room for its reps and time; a whole number 1–100
   * asks for at most that many. A RangeError for anything else.
   */
  rows?: number | 'auto';
  /**
   * Fill colours per exercise, keyed by `exerciseId` (or by the label of a span that has none):
   * `#rgb` or `#rrggbb`. Exercises left out take the palette's colours. A TypeError for anything else.
   */
  exerciseColors?: Readonly<Record<string, string>>;
}

/** The options checked and completed. */
export interface ResolvedOptions {
  at: number | undefined;
  rootSpanId: string | undefined;
  width: number;
  laneHeight: number;
  idPrefix: string;
  title: string | undefined;
  rows: number | 'auto';
  exerciseColors: ReadonlyMap<string, string>;
}

/** A size option: the default when missing or not finite, else kept within [min, max]. */
function size(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

/** An id prefix made of characters an XML id may hold, starting with a letter, at most 64 long. */
function sanitizeId(prefix: string): string {
  const clean = prefix.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 64);
  return /^[A-Za-z_]/.test(clean) ? clean : `ws${clean}`;
}

/**
 * Checks the options: a TypeError for a value of the wrong type, a RangeError for `at` or `rows`
 * out of range; sizes out of range are brought back in (a drawing is still wanted).
 */
export function resolveOptions(options: unknown): ResolvedOptions {
  const o = readOptions('renderTimelineSvg', options, {
    rootSpanId: 'string',
    idPrefix: 'string',
    title: 'string',
    width: 'number',
    laneHeight: 'number',
  });
  const rows = o.rows ?? 'auto';
  if (rows !== 'auto' && !(typeof rows === 'number' && Number.isInteger(rows) && rows >= 1 && rows <= 100))
    throw new RangeError("renderTimelineSvg: options.rows must be 'auto' or a whole number from 1 to 100");
  return {
    at: o.at,
    rootSpanId: o.rootSpanId as string | undefined,
    width: size(o.width, 960, 240, 20_000),
    laneHeight: size(o.laneHeight, 40, 24, 400),
    idPrefix: sanitizeId((o.idPrefix as string | undefined) ?? 'ws'),
    title: o.title as string | undefined,
    rows,
    exerciseColors: colorMap(o.exerciseColors),
  };
}

function colorMap(value: unknown): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  if (value === undefined) return out;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new TypeError('renderTimelineSvg: options.exerciseColors must map exercise ids to colours');
  for (const [key, color] of Object.entries(value)) {
    if (typeof color !== 'string' || parseHex(color) === undefined)
      throw new TypeError(`renderTimelineSvg: options.exerciseColors['${key.slice(0, 40)}'] must be '#rgb' or '#rrggbb'`);
    out.set(key, color.toLowerCase());
  }
  return out;
}
