import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from 'workout-spans/persistence';
import { checkInvariants } from './invariants';
import { afterStep, blockArb, configArb, makeWorld, opArb, runOps, type Config } from './ops';
import { numRuns, seed, timeout } from './runs';

/**
 * Model-based tests: random sequences of every tracker call — valid and invalid — and of
 * clock steps forward, zero and back, in strict and lenient mode, under every policy, with and
 * without archiving. Each call's outcome is predicted from the state before it (success, the codes
 * it may be refused with, or a policy rejection), and after every step every invariant of
 * `invariants.ts` is checked, with "a refused call changes nothing" (same snapshot object, same
 * content, nobody notified).
 */
describe('model: random operation sequences keep every invariant', () => {
  it(
    `holds for random sessions (${numRuns()} runs)`,
    () => {
      fc.assert(
        fc.property(configArb, fc.array(opArb(2), { minLength: 1, maxLength: 60, size: 'max' }), (config, ops) => {
          runOps(makeWorld(config), ops);
        }),
        { numRuns: numRuns(), ...seed() },
      );
    },
    timeout(),
  );

  it.each<[string, Config]>([
    ['strict, rejecting rest and pause', { strict: true, policy: { rest: 'reject', paused: 'reject' } }],
    [
      'lenient, allowing rest and pause, archiving beyond 2',
      { strict: false, policy: { rest: 'allow', paused: 'allow' }, maxCompletedSpans: 2 },
    ],
  ])(
    'holds for long sessions: %s',
    (_name, config) => {
      fc.assert(
        fc.property(fc.array(opArb(1), { minLength: 80, maxLength: 200, size: 'max' }), (ops) => {
          runOps(makeWorld(config), ops);
        }),
        { numRuns: Math.max(10, Math.round(numRuns() / 30)), ...seed() },
      );
    },
    timeout(),
  );

  it(
    `holds across save and restore: a restored tracker carries on (${Math.round(numRuns() / 3)} runs)`,
    () => {
      fc.assert(
        fc.property(
          configArb,
          fc.array(opArb(1), { minLength: 1, maxLength: 30, size: 'max' }),
          fc.integer({ min: -60_000, max: 3 * 3_600_000 }),
          fc.array(opArb(1), { minLength: 0, maxLength: 30, size: 'max' }),
          (config, before, gap, after) => {
            const first = makeWorld(config);
            runOps(first, before);
            const saved = deserialize(serialize(first.tracker));
            const restored = makeWorld(config, undefined, { from: saved, at: first.clock.now() + gap });
            checkInvariants(restored.tracker, { policy: config.policy });
            // Active spans stay active, ended ones stay as they were; the gap is an 'Interrupted' pause.
            const was = new Map(saved.spans.map((s) => [s.id, s]));
            for (const s of restored.tracker.getSnapshot().spans) {
              const old = was.get(s.id)!;
              if (old.status !== 'active') expect(s).toEqual(old);
              else expect(s.status).toBe('active');
            }
            runOps(restored, after);
          },
        ),
        { numRuns: Math.max(30, Math.round(numRuns() / 3)), ...seed() },
      );
    },
    timeout(),
  );

  it(
    `holds around an async trace: random calls while its work is pending, then it settles (${Math.round(numRuns() / 3)} runs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          configArb,
          fc.array(opArb(1), { maxLength: 15, size: 'max' }),
          blockArb,
          fc.array(opArb(1), { maxLength: 25, size: 'max' }),
          fc.boolean(),
          async (config, before, block, during, rejects) => {
            const w = makeWorld(config);
            runOps(w, before);
            let release!: () => void;
            const gate = new Promise<void>((resolve) => (release = resolve));
            let spanId: string | undefined;
            let pending: Promise<unknown> | undefined;
            try {
              const b =
                block.kind === 'valid' ? { key: block.key, label: 'Async', blockType: block.blockType } : { key: '', label: 'Async' };
              pending = w.tracker.trace(b, async (span) => {
                spanId = span.id;
                await gate;
                if (rejects) throw new Error('async work failed');
                return 'done';
              }) as Promise<unknown> | undefined;
            } catch {
              // strict mode: the span could not start
            }
            if (spanId === undefined) {
              expect(pending).toBeUndefined();
              return;
            }
            w.started.push(spanId);
            runOps(w, during); // the traced span is an ordinary active span meanwhile
            const wasActive = w.tracker.getSpan(spanId)?.status === 'active';
            release();
            const outcome = await pending!.then(
              (value) => ({ value }),
              (error: unknown) => ({ error }),
            );
            if (rejects) expect((outcome as { error: Error }).error.message).toBe('async work failed');
            else expect(outcome).toEqual({ value: 'done' });
            const span = w.tracker.getSpan(spanId) ?? w.archived.get(spanId);
            expect(span?.status).not.toBe('active');
            if (wasActive) {
              expect(span!.status).toBe(rejects ? 'failed' : 'completed');
              if (rejects) expect(span!.error).toBe('async work failed');
            }
            afterStep(w); // every invariant after the settle, nothing lost
          },
        ),
        { numRuns: Math.max(30, Math.round(numRuns() / 3)), ...seed() },
      );
    },
    timeout(),
  );
});
