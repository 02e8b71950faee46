import { describe, expect, it } from 'vitest';
import { main } from '../../examples/reload';
import { at } from './support';

describe('examples/reload.ts', () => {
  it('saves Cindy at 10:00, reloads at 15:00 with the gap as Interrupted, and finishes 20:00 of work', async () => {
    const printed: string[] = [];
    const result = await main((line) => printed.push(line));
    expect(result.gap).toMatchObject({ type: 'pause', label: 'Interrupted', startTime: at(600), endTime: at(900) });
    expect(result.totals).toMatchObject({ totalMs: 1_560_000, elapsedMs: 1_200_000, pausedMs: 360_000 });
    expect(printed.join('\n')).toBe(result.text);
    expect(result.text).toContain("Gap: 'Interrupted' [pause] from 10:00 to 15:00 (5:00 away).");
    expect(result.text).toContain('AMRAP 20 [amrap] completed');
  });
});
