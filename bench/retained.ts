/** Retained heap, for the benchmarks run in a child process with `--expose-gc`. */

/** Memory in use after full collections: the JavaScript heap and typed arrays' own bytes, which live outside it. */
function settle(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 4; i++) gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/**
 * Bytes retained by what `build` returns. `pauseMs` first lets background work finish (compilations
 * started by a warm-up may still hold some of its objects). The heap is read again once the job that
 * built it has ended, as every task of a page or server does: V8 keeps whatever a WeakRef was made
 * for during a job alive until that job ends.
 */
export async function retainedBy(build: () => unknown, pauseMs: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, pauseMs));
  const before = settle();
  const kept = build();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const after = settle();
  if (kept === undefined) throw new Error('nothing kept');
  return after - before;
}
