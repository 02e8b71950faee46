/** Types of size-check.mjs, for bench/ (TypeScript) to reuse its measurement. */
export declare const GOAL_BYTES: number;
export declare const BUDGETS: Record<string, [what: string, budget: number]>;
export declare function measureBundle(
  what: string,
): Promise<{ minified: number; gzip: number; inputs: Record<string, { bytesInOutput: number }> }>;
